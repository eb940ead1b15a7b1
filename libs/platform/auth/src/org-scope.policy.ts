import type { Actor, Role } from '@tpm/kernel';
import { forbidden, scopeNotYetKnown } from './access-denied';
import type { AccessMode, AccessPolicy } from './access-policy';
import type { OrgScopeSource } from './org-scope.source';
import { ALL_BUSINESS_UNITS } from './roles';

/**
 * Which roles a business-unit scope grants, per mode (docs/security.md has the matrix):
 * - admin: everything, everywhere.
 * - hr, manager: read and write within the subtrees of their `bu` claim.
 * - executive, analyst, trainer, coach: read within their subtrees (what they may read is
 *   narrowed further by each route's roles, e.g. analysts get aggregates only).
 * - auditor: read within their subtrees, or everywhere with `bu: ["*"]`; never write.
 * - employee: no unit scope; their own records (the `emp` claim) read and write.
 * A person with several roles gets the union.
 */
const SCOPED: Record<AccessMode, Role[]> = {
  read: ['hr', 'manager', 'executive', 'analyst', 'trainer', 'coach', 'auditor'],
  write: ['hr', 'manager'],
};

/** Null: every unit. */
type Scope = Set<string> | null;

export class OrgScopePolicy implements AccessPolicy {
  constructor(private readonly org: OrgScopeSource) {}

  async assertBusinessUnit(actor: Actor, businessUnitId: string, mode: AccessMode): Promise<void> {
    const reach = this.reach(actor, mode);
    if (reach === null || (await this.governs(reach, businessUnitId))) return;
    if (await this.lagging(actor, reach, () => this.org.knownBusinessUnits([businessUnitId]).then((k) => k.has(businessUnitId)))) {
      throw scopeNotYetKnown(`Business unit ${businessUnitId}`);
    }
    throw forbidden('OUT_OF_SCOPE', `Business unit ${businessUnitId} is outside the units you may ${mode === 'read' ? 'read' : 'change'}`);
  }

  async assertEmployee(actor: Actor, employeeId: string, mode: AccessMode): Promise<void> {
    if (actor.employeeId && actor.employeeId === employeeId) return;
    const reach = this.reach(actor, mode);
    if (reach === null) return;
    const unit = (await this.org.employeeUnits([employeeId])).get(employeeId);
    // Unknown to the local copy: refused like any other record out of reach, so a 403 never
    // tells a caller whether the employee exists.
    if (unit !== undefined && (await this.governs(reach, unit))) return;
    if (unit === undefined && (await this.lagging(actor, reach, async () => false))) throw scopeNotYetKnown('This employee');
    throw forbidden('OUT_OF_SCOPE', `This employee's records are outside the units you may ${mode === 'read' ? 'read' : 'change'}`);
  }

  async readableBusinessUnits(actor: Actor): Promise<string[] | null> {
    const scope = await this.scope(actor, 'read');
    return scope === null ? null : [...scope];
  }

  async writableBusinessUnits(actor: Actor): Promise<string[] | null> {
    const scope = await this.scope(actor, 'write');
    return scope === null ? null : [...scope];
  }

  employeeUnits(employeeIds: string[]): Promise<Map<string, string>> {
    return this.org.employeeUnits(employeeIds);
  }

  knownBusinessUnits(businessUnitIds: string[]): Promise<Set<string>> {
    return this.org.knownBusinessUnits(businessUnitIds);
  }

  async assertOrganization(actor: Actor, mode: AccessMode): Promise<void> {
    const scope = await this.scope(actor, mode);
    if (scope === null) return;
    const roots = await this.org.rootBusinessUnits();
    if (roots.length && roots.every((r) => scope.has(r))) return;
    throw forbidden('OUT_OF_SCOPE', `This record belongs to the organization: ${mode === 'read' ? 'reading' : 'changing'} it needs scope over the organization root`);
  }

  unitsBelow(businessUnitId: string): Promise<string[]> {
    return this.org.subtree([businessUnitId]);
  }

  /**
   * Whether a refusal is the copy lagging behind the org events rather than the caller's reach:
   * the caller holds scope in this mode over units the copy knows, and the copy has not seen the
   * record named. A caller without scope, or whose own units the copy does not know either, gets
   * the plain refusal.
   */
  private async lagging(actor: Actor, reach: string[], recordKnown: () => Promise<boolean>): Promise<boolean> {
    const governed = actor.businessUnits ?? [];
    if (!reach.length || !governed.length) return false;
    const known = await this.org.knownBusinessUnits(governed);
    if (!governed.every((u) => known.has(u))) return false;
    return !(await recordKnown());
  }

  /**
   * The units whose subtrees the caller governs in this mode: null = every unit, [] = none. One
   * record is then checked by walking up from its unit (depth rows), never by expanding the
   * caller's whole subtree, which for an HR partner of a division is thousands of units.
   */
  private reach(actor: Actor, mode: AccessMode): string[] | null {
    if (actor.roles.includes('admin')) return null;
    if (mode === 'write' && actor.roles.includes('auditor')) return [];
    if (!actor.roles.some((r) => SCOPED[mode].includes(r))) return [];
    const governed = actor.businessUnits ?? [];
    return governed.includes(ALL_BUSINESS_UNITS) ? null : governed;
  }

  private async governs(reach: string[], businessUnitId: string): Promise<boolean> {
    if (!reach.length) return false;
    if (reach.includes(businessUnitId)) return true;
    const above = await this.org.ancestors(businessUnitId);
    return above.some((u) => reach.includes(u));
  }

  private async scope(actor: Actor, mode: AccessMode): Promise<Scope> {
    if (actor.roles.includes('admin')) return null;
    // An auditor never writes, whatever other role the same token carries.
    if (mode === 'write' && actor.roles.includes('auditor')) return new Set();
    if (!actor.roles.some((r) => SCOPED[mode].includes(r))) return new Set();
    const governed = actor.businessUnits ?? [];
    if (governed.includes(ALL_BUSINESS_UNITS)) return null;
    return new Set(await this.org.subtree(governed));
  }
}
