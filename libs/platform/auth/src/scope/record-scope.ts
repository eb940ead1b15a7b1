import type { Type } from '@nestjs/common';
import type { Actor, Role } from '@tpm/kernel';
import { forbidden } from '../access-denied';
import type { AccessMode, AccessPolicy } from '../access-policy';

export const RECORD_SCOPE_KEY = 'tpm:record-scope';

/** Where a route names the record it acts on. */
export interface InputSource {
  readonly in: 'param' | 'body' | 'query';
  readonly name: string;
}
export const param = (name: string): InputSource => ({ in: 'param', name });
export const body = (name: string): InputSource => ({ in: 'body', name });
export const query = (name: string): InputSource => ({ in: 'query', name });

/**
 * `own-work`: write scope for HR, managers and admins; read scope for the roles whose own work the
 * route is (a trainer completing a session, an executive approving a plan, a coach's follow-up),
 * because those roles hold read scope only.
 */
export type ScopeMode = AccessMode | 'own-work';

/** The business unit a record belongs to; null for a record of the whole organization. Throws a typed not-found. */
export interface RecordUnitResolver {
  unitOf(id: string): Promise<string | null>;
}

/** A record of the whole organization (no unit named) needs scope over every unit; refused with this. */
export interface WholeOrganization {
  readonly code: string;
  readonly message: string;
}
export const wholeOrganization = (message: string, code = 'OUT_OF_SCOPE'): WholeOrganization => ({ code, message });

interface RuleBase {
  readonly from: InputSource;
  /** Callers with this role skip the check (e.g. employees browse sessions to enrol). */
  readonly unlessRole?: Role;
}
export interface UnitRule extends RuleBase {
  readonly on: 'unit';
  readonly mode: ScopeMode;
  /** What an absent (null or omitted) unit means; without it an absent unit is refused. */
  readonly absent?: 'skip' | 'organization-root' | WholeOrganization;
}
export interface EmployeeRule extends RuleBase {
  readonly on: 'employee';
  readonly mode: ScopeMode;
  /** The employee id from what the route names (e.g. the HRIS employee number); default: as given. */
  readonly toId?: (raw: string) => string;
  /**
   * Absent: `caller` acts for the caller's own record (when the caller has none, nothing is checked
   * and the route's input answers 400); a unit rule checks that unit instead.
   */
  readonly absent?: 'caller' | UnitRule;
}
export interface RecordRule extends RuleBase {
  readonly on: 'record';
  readonly mode: ScopeMode;
  /** A provider of the app, found by class, that tells the record's unit. */
  readonly resolver: Type<RecordUnitResolver>;
  /** A record of no unit: refused without full scope (this refusal), or `shared` with every caller the route's roles admit. */
  readonly ofWholeOrganization?: WholeOrganization | 'shared' | 'organization-root';
  /** The route may name no record (e.g. a session without a venue): nothing to check then. */
  readonly optional?: boolean;
  /** An employee also reaches a record of the unit they work in or of a unit above it (their unit's goals). */
  readonly reachFromOwnUnit?: boolean;
}
export interface SelfRule extends RuleBase {
  readonly on: 'self';
  readonly message: string;
}
export interface EmployeeUnitRule extends RuleBase {
  readonly on: 'employee-unit';
  /** Where the employee is named; no employee named: nothing to check. */
  readonly employee: InputSource;
}
export type ScopeRule = UnitRule | EmployeeRule | RecordRule | SelfRule | EmployeeUnitRule;

/** The rules a route declares with `@RecordScope(...)`, built here so each reads as a sentence. */
export const Scope = {
  unit: (from: InputSource, mode: ScopeMode, options: Pick<UnitRule, 'absent' | 'unlessRole'> = {}): UnitRule => ({ on: 'unit', from, mode, ...options }),
  employee: (from: InputSource, mode: ScopeMode, options: Pick<EmployeeRule, 'toId' | 'absent' | 'unlessRole'> = {}): EmployeeRule => ({ on: 'employee', from, mode, ...options }),
  record: (
    resolver: Type<RecordUnitResolver>,
    from: InputSource,
    mode: ScopeMode,
    options: Pick<RecordRule, 'ofWholeOrganization' | 'unlessRole' | 'optional' | 'reachFromOwnUnit'> = {},
  ): RecordRule => ({
    on: 'record',
    resolver,
    from,
    mode,
    ...options,
  }),
  /** Only the person the record is about (by employee id), whatever their scope. */
  self: (from: InputSource, message: string): SelfRule => ({ on: 'self', from, message }),
  /**
   * The unit a route names is the named employee's current unit (a need about an employee is
   * their unit's): without it, a caller who may act for the employee could write into any unit.
   */
  unitOfEmployee: (unit: InputSource, employee: InputSource): EmployeeUnitRule => ({ on: 'employee-unit', from: unit, employee }),
};

/** One line per rule, for route listings and tests that walk every declared route. */
export const describeRule = (r: ScopeRule): string => {
  const at = `${r.from.in}:${r.from.name}`;
  switch (r.on) {
    case 'unit':
      return `unit ${r.mode} ${at}${r.absent === 'organization-root' ? ' (absent: organization root)' : r.absent === 'skip' ? ' (if named)' : ''}`;
    case 'employee':
      return `employee ${r.mode} ${at}${r.absent === 'caller' ? ' (or caller)' : r.absent ? ` (or ${describeRule(r.absent)})` : ''}`;
    case 'record':
      return `${r.resolver.name} ${r.mode} ${at}${r.optional ? ' (if named)' : ''}${r.ofWholeOrganization === 'shared' ? ' (no unit: shared)' : r.ofWholeOrganization === 'organization-root' ? ' (no unit: organization root)' : ''}${r.reachFromOwnUnit ? ' (or own unit and above)' : ''}`;
    case 'self':
      return `self ${at}`;
    case 'employee-unit':
      return `${at} is the unit of ${r.employee.in}:${r.employee.name}`;
  }
};

export interface ScopeInput {
  params: Record<string, unknown>;
  body: unknown;
  query: Record<string, unknown>;
}

const modeFor = (mode: ScopeMode, caller: Actor): AccessMode =>
  mode !== 'own-work' ? mode : caller.roles.some((r) => r === 'hr' || r === 'manager' || r === 'admin') ? 'write' : 'read';

const valueOf = (input: ScopeInput, from: InputSource): string | null => {
  const source = (from.in === 'param' ? input.params : from.in === 'query' ? input.query : input.body) as Record<string, unknown> | undefined;
  const v = source?.[from.name];
  if (v === undefined || v === null) return null;
  // The route's DTOs have validated the input already; anything but a string here is a wiring bug.
  if (typeof v !== 'string') throw new Error(`scope rule reads ${from.in} ${from.name}, which is not a string`);
  return v;
};

const worksWithin = async (policy: AccessPolicy, employeeId: string, unit: string) => {
  const own = (await policy.employeeUnits([employeeId])).get(employeeId);
  return own !== undefined && (await policy.unitsBelow(unit)).includes(own);
};

const assertWholeOrganization = async (policy: AccessPolicy, caller: Actor, mode: AccessMode, refusal: WholeOrganization) => {
  const units = mode === 'write' ? await policy.writableBusinessUnits(caller) : await policy.readableBusinessUnits(caller);
  if (units !== null) throw forbidden(refusal.code, refusal.message);
};

/**
 * Checks every rule in order against the caller (403 `OUT_OF_SCOPE` from the policy, or the
 * rule's own refusal); a resolver's not-found error passes through as the 404 it is.
 */
export async function checkRecordScope(
  rules: readonly ScopeRule[],
  input: ScopeInput,
  caller: Actor,
  policy: AccessPolicy,
  resolver: (type: Type<RecordUnitResolver>) => RecordUnitResolver,
): Promise<void> {
  for (const rule of rules) {
    if (rule.unlessRole && caller.roles.includes(rule.unlessRole)) continue;
    const value = valueOf(input, rule.from);
    switch (rule.on) {
      case 'self':
        if (!value || caller.employeeId !== value) throw forbidden('OUT_OF_SCOPE', rule.message);
        break;
      case 'unit': {
        const mode = modeFor(rule.mode, caller);
        if (value !== null) await policy.assertBusinessUnit(caller, value, mode);
        else if (rule.absent === 'skip') continue;
        else if (rule.absent === 'organization-root') await policy.assertOrganization(caller, mode);
        else if (rule.absent) await assertWholeOrganization(policy, caller, mode, rule.absent);
        else throw forbidden('OUT_OF_SCOPE', `This route needs a ${rule.from.name} within the units you may access`);
        break;
      }
      case 'employee': {
        if (value !== null) await policy.assertEmployee(caller, rule.toId ? rule.toId(value) : value, modeFor(rule.mode, caller));
        else if (rule.absent === 'caller') {
          if (caller.employeeId) await policy.assertEmployee(caller, caller.employeeId, modeFor(rule.mode, caller));
        } else if (rule.absent) await checkRecordScope([rule.absent], input, caller, policy, resolver);
        else throw forbidden('OUT_OF_SCOPE', `This route needs a ${rule.from.name} within the units you may access`);
        break;
      }
      case 'record': {
        const mode = modeFor(rule.mode, caller);
        if (value === null) {
          if (rule.optional) continue;
          throw forbidden('OUT_OF_SCOPE', `This route needs a ${rule.from.name}`);
        }
        const unit = await resolver(rule.resolver).unitOf(value);
        if (unit === null) {
          if (rule.ofWholeOrganization === 'shared') continue;
          if (rule.ofWholeOrganization === 'organization-root') {
            await policy.assertOrganization(caller, mode);
            continue;
          }
          await assertWholeOrganization(policy, caller, mode, rule.ofWholeOrganization ?? wholeOrganization('This record belongs to the whole organization: it needs access to every business unit'));
        } else if (rule.reachFromOwnUnit && caller.employeeId && (await worksWithin(policy, caller.employeeId, unit))) continue;
        else await policy.assertBusinessUnit(caller, unit, mode);
        break;
      }
      case 'employee-unit': {
        const employeeId = valueOf(input, rule.employee);
        if (employeeId === null) continue;
        const current = (await policy.employeeUnits([employeeId])).get(employeeId);
        // Unknown employees were refused by the employee rule before this one.
        if (current !== undefined && current !== value) {
          throw forbidden('OUT_OF_SCOPE', `${rule.from.name} must be the unit the employee works in`);
        }
        break;
      }
    }
  }
}
