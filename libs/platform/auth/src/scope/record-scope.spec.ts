import { ForbiddenException } from '@nestjs/common';
import type { Actor, Role } from '@tpm/kernel';
import { OrgScopePolicy } from '../org-scope.policy';
import type { OrgScopeSource } from '../org-scope.source';
import { body, checkRecordScope, param, query, Scope, wholeOrganization, type RecordUnitResolver, type ScopeRule } from './record-scope';

// ROOT > {BU-7, BU-9}; ana works in BU-7; session S-7 belongs to BU-7, cycle C-ALL to the whole organization.
const org: OrgScopeSource = {
  async subtree(ids) {
    return ids.includes('ROOT') ? ['ROOT', 'BU-7', 'BU-9'] : ids;
  },
  async employeeUnits(ids) {
    return new Map(ids.filter((id) => id === 'ana' || id === 'ben').map((id) => [id, id === 'ana' ? 'BU-7' : 'BU-9']));
  },
  async rootBusinessUnits() {
    return ['ROOT'];
  },
  async ancestors(id) {
    return id === 'ROOT' ? ['ROOT'] : ['BU-7', 'BU-9'].includes(id) ? [id, 'ROOT'] : [];
  },
  async knownBusinessUnits(ids) {
    return new Set(ids.filter((id) => ['ROOT', 'BU-7', 'BU-9'].includes(id)));
  },
};
class Units implements RecordUnitResolver {
  async unitOf(id: string) {
    return id === 'C-ALL' ? null : id === 'G-ROOT' ? 'ROOT' : 'BU-7';
  }
}
const policy = new OrgScopePolicy(org);
const actor = (roles: Role[], businessUnits: string[] = [], employeeId?: string): Actor => ({ subject: 's', roles, businessUnits, employeeId });
const check = (rules: ScopeRule[], caller: Actor, input: { params?: object; body?: object; query?: object }) =>
  checkRecordScope(rules, { params: { ...input.params } as Record<string, unknown>, body: input.body, query: { ...input.query } as Record<string, unknown> }, caller, policy, () => new Units());
const refused = (p: Promise<void>, code = 'OUT_OF_SCOPE') => expect(p).rejects.toMatchObject({ constructor: ForbiddenException, response: expect.objectContaining({ code }) });

describe('declared record scope', () => {
  it('checks the unit a route names, in the mode it declares', async () => {
    const rule = Scope.unit(param('businessUnitId'), 'write');
    await expect(check([rule], actor(['manager'], ['BU-7']), { params: { businessUnitId: 'BU-7' } })).resolves.toBeUndefined();
    await refused(check([rule], actor(['manager'], ['BU-7']), { params: { businessUnitId: 'BU-9' } }));
    await refused(check([rule], actor(['analyst'], ['BU-7']), { params: { businessUnitId: 'BU-7' } }));
  });

  it('reads an absent unit as the whole organization when the route says so, with its own refusal', async () => {
    const rule = Scope.unit(query('businessUnitId'), 'read', { absent: wholeOrganization('name one', 'BUSINESS_UNIT_REQUIRED') });
    await refused(check([rule], actor(['auditor'], ['BU-7']), {}), 'BUSINESS_UNIT_REQUIRED');
    await expect(check([rule], actor(['auditor'], ['*']), {})).resolves.toBeUndefined();
  });

  it('refuses an absent record the route did not say may be absent', async () => {
    await refused(check([Scope.unit(body('businessUnitId'), 'write')], actor(['hr'], ['ROOT']), { body: {} }));
  });

  it('maps an employee number to the employee id before asking the policy', async () => {
    const rule = Scope.employee(param('employeeNumber'), 'read', { toId: (n) => (n === 'E-ANA' ? 'ana' : n) });
    await expect(check([rule], actor(['manager'], ['BU-7']), { params: { employeeNumber: 'E-ANA' } })).resolves.toBeUndefined();
    await refused(check([rule], actor(['manager'], ['BU-9']), { params: { employeeNumber: 'E-ANA' } }));
  });

  it('falls back to the unit when a need names no employee, and to the caller when an enrolment names nobody', async () => {
    const need = Scope.employee(body('employeeId'), 'write', { absent: Scope.unit(body('businessUnitId'), 'write') });
    await refused(check([need], actor(['manager'], ['BU-7']), { body: { employeeId: null, businessUnitId: 'BU-9' } }));
    const enrol = Scope.employee(body('employeeId'), 'write', { absent: 'caller' });
    await expect(check([enrol], actor(['employee'], [], 'ben'), { body: {} })).resolves.toBeUndefined();
    await refused(check([enrol], actor(['employee'], [], 'ben'), { body: { employeeId: 'ana' } }));
  });

  it('scopes a record by the unit its resolver names, and a whole-organization record by full scope', async () => {
    const rule = Scope.record(Units, param('id'), 'write');
    await expect(check([rule], actor(['hr'], ['BU-7']), { params: { id: 'S-7' } })).resolves.toBeUndefined();
    await refused(check([rule], actor(['hr'], ['BU-7']), { params: { id: 'C-ALL' } }));
    await expect(check([rule], actor(['hr'], ['*']), { params: { id: 'C-ALL' } })).resolves.toBeUndefined();
  });

  it('asks read scope of the roles whose own work the route is, write scope of HR and managers', async () => {
    const rule = Scope.record(Units, param('id'), 'own-work');
    await expect(check([rule], actor(['trainer'], ['BU-7']), { params: { id: 'S-7' } })).resolves.toBeUndefined();
    await refused(check([rule], actor(['manager'], ['BU-9']), { params: { id: 'S-7' } }));
  });

  it('lets only the participant through a self rule, and skips a rule for the role it exempts', async () => {
    await refused(check([Scope.self(param('employeeId'), 'only them')], actor(['employee'], [], 'ben'), { params: { employeeId: 'ana' } }));
    await expect(check([Scope.unit(param('u'), 'read', { unlessRole: 'employee' })], actor(['employee']), { params: { u: 'BU-9' } })).resolves.toBeUndefined();
  });

  it('lets every admitted caller through a shared record of no unit, and skips an optional record not named', async () => {
    await expect(check([Scope.record(Units, param('id'), 'read', { ofWholeOrganization: 'shared' })], actor(['employee'], [], 'ben'), { params: { id: 'C-ALL' } })).resolves.toBeUndefined();
    await refused(check([Scope.record(Units, param('id'), 'read', { ofWholeOrganization: 'shared' })], actor(['employee'], [], 'ben'), { params: { id: 'S-7' } }));
    await expect(check([Scope.record(Units, body('venueId'), 'write', { optional: true })], actor(['hr'], ['BU-9']), { body: {} })).resolves.toBeUndefined();
    await refused(check([Scope.record(Units, body('venueId'), 'write', { optional: true })], actor(['hr'], ['BU-9']), { body: { venueId: 'V-7' } }));
  });

  it('lets an employee reach a record of their own unit or a unit above it, not a sibling unit', async () => {
    const rule = Scope.record(Units, param('id'), 'read', { reachFromOwnUnit: true });
    await expect(check([rule], actor(['employee'], [], 'ana'), { params: { id: 'G-7' } })).resolves.toBeUndefined();
    await expect(check([rule], actor(['employee'], [], 'ben'), { params: { id: 'G-ROOT' } })).resolves.toBeUndefined();
    await refused(check([rule], actor(['employee'], [], 'ben'), { params: { id: 'G-7' } }));
  });

  it('refuses a unit that is not the named employee\'s own, even to a caller who may act for the employee', async () => {
    const rules = [Scope.employee(body('employeeId'), 'write'), Scope.unitOfEmployee(body('businessUnitId'), body('employeeId'))];
    await refused(check(rules, actor(['employee'], [], 'ana'), { body: { employeeId: 'ana', businessUnitId: 'BU-9' } }));
    await refused(check(rules, actor(['manager'], ['ROOT']), { body: { employeeId: 'ana', businessUnitId: 'BU-9' } }));
    await expect(check(rules, actor(['employee'], [], 'ana'), { body: { employeeId: 'ana', businessUnitId: 'BU-7' } })).resolves.toBeUndefined();
  });

  it('answers SCOPE_NOT_YET_KNOWN for a unit the local copy has not seen yet', async () => {
    await refused(check([Scope.unit(body('businessUnitId'), 'write')], actor(['hr'], ['BU-7']), { body: { businessUnitId: 'BU-7-NEW' } }), 'SCOPE_NOT_YET_KNOWN');
  });

  it('asks scope over the organization root for a record the organization owns, or a creation that names no unit', async () => {
    const rule = Scope.record(Units, param('id'), 'write', { ofWholeOrganization: 'organization-root' });
    await expect(check([rule], actor(['hr'], ['ROOT']), { params: { id: 'C-ALL' } })).resolves.toBeUndefined();
    await refused(check([rule], actor(['hr'], ['BU-9']), { params: { id: 'C-ALL' } }));
    await refused(check([Scope.unit(body('businessUnitId'), 'write', { absent: 'organization-root' })], actor(['hr'], ['BU-7']), { body: {} }));
  });
});
