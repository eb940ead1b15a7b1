import { declaredRoutes, type DeclaredRoute } from '@tpm/auth';
import type { Type } from '@nestjs/common';
import path from 'node:path';

// The app modules read their configuration while they are declared; no server is contacted here.
process.env.DATABASE_URL ??= 'postgres://unused@127.0.0.1:1/unused';
process.env.KAFKA_BROKERS ??= '127.0.0.1:1';

const root = path.resolve(__dirname, '../../..');
const SERVICES = ['training', 'performance', 'coaching', 'rewards', 'reporting'];
// Loaded by path, as boot-service.ts runs them, and only after the env above is set.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const appModule = (name: string): Type<unknown> => require(path.join(root, 'apps', name, 'src', 'app.module')).AppModule;

const routes: Record<string, DeclaredRoute[]> = Object.fromEntries(SERVICES.map((name) => [name, declaredRoutes(appModule(name))]));

describe('every route of every service declares its access', () => {
  it.each(SERVICES)('%s: no route lacks @Roles or @Public', (name) => {
    expect(routes[name].length).toBeGreaterThan(0);
    expect(routes[name].filter((r) => r.access === null).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('leaves only health and the metrics scrape public', () => {
    const open = Object.values(routes)
      .flat()
      .filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.path}`);
    // /metrics: a Prometheus scraper holds no user token; its labels carry no ids (README "Metrics").
    expect([...new Set(open)]).toEqual(['GET /health', 'GET /metrics']);
  });

  it('gives every service the admin listing of history reads', () => {
    for (const name of SERVICES) {
      expect(routes[name]).toContainEqual(expect.objectContaining({ method: 'GET', path: '/admin/access-log', access: ['admin'] }));
    }
  });

  it('checks scope on every route that names a record by path, or says where it is checked instead', () => {
    // Checked elsewhere, each for its reason (ADR 0018); the e2e walk out-of-scope.e2e.spec.ts proves them all.
    const elsewhere = new Set([
      'GET /history/streams/:streamId', // every event's unit readable, checked by the history controller
      'GET /audit/correlations/:correlationId', // items filtered to readable units
      'GET /training/programs/:programId', // the shared catalogue
      'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/feedback', // nominated reviewers of any unit
      'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/anonymous-feedback', // the same, held outside the log (ADR 0017)
      'GET /history/verifications/:id', // a verification of the whole store, not a unit's record: auditor and admin
    ]);
    const unchecked = Object.values(routes)
      .flat()
      .filter((r) => r.path.includes(':') && !r.scope.length && !elsewhere.has(`${r.method} ${r.path}`))
      .map((r) => `${r.method} ${r.path}`);
    expect([...new Set(unchecked)]).toEqual([]);
  });
});

