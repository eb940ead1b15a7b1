// Prints a development bearer token the services accept in dev mode (AUTH_MODE unset outside
// production). Usage:
//   npm run token -- --role manager --bu BU-42 --sub E-1001
//   npm run token -- --role hr --role admin --bu BU-1,BU-2 --emp-number E-0007 --expires 1h
// --role (repeatable or comma-separated), --bu (repeatable or comma-separated; * = all units),
// --sub (subject; when it looks like an employee number it also sets the employee id),
// --emp-number (derives the employee id as the org events do), --emp (an employee id as is),
// --expires (jose duration, default 8h). Signs with AUTH_DEV_SECRET or the public dev key.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
require('@swc-node/register');
// The same code the services and the org events use: one key default, one employee-id derivation.
const { signDevToken } = require(path.join(root, 'libs/platform/auth/src/token/dev-token.ts'));
const { employeeIdFor } = require(path.join(root, 'libs/performance/application/src/employee-number.identity.ts'));

const ROLES = ['employee', 'manager', 'hr', 'trainer', 'coach', 'executive', 'analyst', 'auditor', 'admin'];
const EMPLOYEE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: [] },
    bu: { type: 'string', multiple: true, default: [] },
    sub: { type: 'string' },
    'emp-number': { type: 'string' },
    emp: { type: 'string' },
    expires: { type: 'string', default: '8h' },
    help: { type: 'boolean', short: 'h' },
  },
});

const fail = (message) => {
  process.stderr.write(`${message}\nusage: npm run token -- --role <role> [--bu BU-1,BU-2|*] [--sub E-1001] [--emp-number E-1001] [--expires 8h]\n`);
  process.exit(2);
};
if (values.help) fail('Prints a development token.');
const roles = values.role.flatMap((r) => r.split(',')).filter(Boolean);
if (!roles.length) fail('--role is required');
const unknown = roles.filter((r) => !ROLES.includes(r));
if (unknown.length) fail(`unknown role(s): ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
const bu = values.bu.flatMap((b) => b.split(',')).filter(Boolean);
const number = values['emp-number'] ?? (values.sub && EMPLOYEE_NUMBER.test(values.sub) ? values.sub : undefined);
const sub = values.sub ?? values['emp-number'] ?? `dev:${roles.join('+')}`;
const emp = values.emp ?? (number ? employeeIdFor(number) : undefined);

const token = await signDevToken({ sub, roles, bu, ...(emp ? { emp } : {}) }, { expiresIn: values.expires });
process.stdout.write(`${token}\n`);
