import { ForbiddenException } from '@nestjs/common';
import type { Actor, Role } from '@tpm/kernel';
import { OrgScopePolicy } from './org-scope.policy';
import type { OrgScopeSource } from './org-scope.source';

// A small org: ROOT > {BU-7 > BU-7A, BU-9}; ana works in BU-7A, ben in BU-9.
const parents: Record<string, string | null> = { ROOT: null, 'BU-7': 'ROOT', 'BU-7A': 'BU-7', 'BU-9': 'ROOT' };
const employees: Record<string, string> = { ana: 'BU-7A', ben: 'BU-9' };
const org: OrgScopeSource = {
  async subtree(ids) {
    const out = new Set(ids);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [id, parent] of Object.entries(parents)) if (parent && out.has(parent) && !out.has(id)) grew = out.add(id) && true;
    }
    return [...out];
  },
  async employeeUnits(ids) {
    return new Map(ids.filter((id) => employees[id]).map((id) => [id, employees[id]]));
  },
  async rootBusinessUnits() {
    return ['ROOT'];
  },
  async knownBusinessUnits(ids) {
    return new Set(ids.filter((id) => id in parents));
  },
  async ancestors(id) {
    const out: string[] = [];
    for (let at: string | null | undefined = id; at && at in parents; at = parents[at]) out.push(at);
    return out;
  },
};
const policy = new OrgScopePolicy(org);
const actor = (roles: Role[], businessUnits: string[] = [], employeeId?: string): Actor => ({ subject: 's', roles, businessUnits, employeeId });

const allows = (p: Promise<void>) => expect(p).resolves.toBeUndefined();
const refuses = (p: Promise<void>) => expect(p).rejects.toBeInstanceOf(ForbiddenException);

describe('OrgScopePolicy', () => {
  it('lets an admin read and change any unit and any employee, without a bu claim', async () => {
    await allows(policy.assertBusinessUnit(actor(['admin']), 'BU-9', 'write'));
    await allows(policy.assertEmployee(actor(['admin']), 'nobody-known', 'write'));
    expect(await policy.readableBusinessUnits(actor(['admin']))).toBeNull();
  });

  it.each<Role>(['manager', 'hr'])('lets a %s of BU-7 read and change BU-7 and everything below it, not BU-9', async (role) => {
    const a = actor([role], ['BU-7']);
    await allows(policy.assertBusinessUnit(a, 'BU-7A', 'write'));
    await allows(policy.assertEmployee(a, 'ana', 'write'));
    await refuses(policy.assertBusinessUnit(a, 'BU-9', 'read'));
    await refuses(policy.assertEmployee(a, 'ben', 'read'));
    await refuses(policy.assertBusinessUnit(a, 'ROOT', 'write'));
  });

  it.each<Role>(['executive', 'analyst', 'trainer', 'coach'])('lets a %s read within their units but change nothing', async (role) => {
    const a = actor([role], ['BU-7']);
    await allows(policy.assertBusinessUnit(a, 'BU-7A', 'read'));
    await refuses(policy.assertBusinessUnit(a, 'BU-7A', 'write'));
    await refuses(policy.assertBusinessUnit(a, 'BU-9', 'read'));
    expect(await policy.writableBusinessUnits(a)).toEqual([]);
  });

  it('lets an auditor with bu * read everywhere and never write', async () => {
    const a = actor(['auditor'], ['*']);
    await allows(policy.assertBusinessUnit(a, 'BU-9', 'read'));
    expect(await policy.readableBusinessUnits(a)).toBeNull();
    await refuses(policy.assertBusinessUnit(a, 'BU-9', 'write'));
  });

  it('keeps an auditor read-only even when the same token also says manager', async () => {
    const a = actor(['auditor', 'manager'], ['BU-7']);
    await allows(policy.assertBusinessUnit(a, 'BU-7', 'read'));
    await refuses(policy.assertBusinessUnit(a, 'BU-7', 'write'));
  });

  it('limits a scoped auditor to their subtrees', async () => {
    const a = actor(['auditor'], ['BU-7']);
    expect((await policy.readableBusinessUnits(a))!.sort()).toEqual(['BU-7', 'BU-7A']);
    await refuses(policy.assertBusinessUnit(a, 'BU-9', 'read'));
  });

  it('lets an employee reach their own records only, whatever units the token names', async () => {
    const a = actor(['employee'], ['BU-7'], 'ana');
    await allows(policy.assertEmployee(a, 'ana', 'read'));
    await refuses(policy.assertEmployee(a, 'ben', 'read'));
    await refuses(policy.assertBusinessUnit(a, 'BU-7', 'read'));
  });

  it('refuses an employee the local copy does not know, so a 403 never tells whether they exist', async () => {
    await refuses(policy.assertEmployee(actor(['hr'], ['ROOT']), 'ghost', 'read'));
  });

  it('gives a token without roles nothing', async () => {
    await refuses(policy.assertBusinessUnit(actor([], ['*']), 'BU-7', 'read'));
  });

  it('grants the union of several roles', async () => {
    const a = actor(['analyst', 'manager'], ['BU-7']);
    await allows(policy.assertBusinessUnit(a, 'BU-7A', 'write'));
  });

  describe('when the local copy lags the org events', () => {
    const code = (p: Promise<void>) => p.then(() => 'allowed', (e: ForbiddenException) => (e.getResponse() as { code: string }).code);

    it('says a unit the copy has not seen yet is not yet known, to a caller whose units it knows', async () => {
      expect(await code(policy.assertBusinessUnit(actor(['hr'], ['BU-7']), 'BU-7-NEW', 'write'))).toBe('SCOPE_NOT_YET_KNOWN');
      expect(await code(policy.assertEmployee(actor(['manager'], ['BU-7']), 'just-imported', 'read'))).toBe('SCOPE_NOT_YET_KNOWN');
    });

    it('still says out of scope for a unit or employee the copy knows, and to callers with no scope or unknown units', async () => {
      expect(await code(policy.assertBusinessUnit(actor(['hr'], ['BU-7']), 'BU-9', 'write'))).toBe('OUT_OF_SCOPE');
      expect(await code(policy.assertEmployee(actor(['manager'], ['BU-7']), 'ben', 'read'))).toBe('OUT_OF_SCOPE');
      expect(await code(policy.assertBusinessUnit(actor(['analyst'], ['BU-7']), 'BU-7-NEW', 'write'))).toBe('OUT_OF_SCOPE');
      expect(await code(policy.assertBusinessUnit(actor(['hr'], ['BU-UNSEEN']), 'BU-7-NEW', 'write'))).toBe('OUT_OF_SCOPE');
      expect(await code(policy.assertEmployee(actor(['employee'], [], 'ana'), 'just-imported', 'read'))).toBe('OUT_OF_SCOPE');
    });
  });
});

describe('OrgScopePolicy: the cost of one record check', () => {
  it('walks up from the record instead of expanding the caller’s subtree', async () => {
    const calls: string[] = [];
    const counted: OrgScopeSource = {
      subtree: (ids) => (calls.push('subtree'), org.subtree(ids)),
      employeeUnits: (ids) => (calls.push('employeeUnits'), org.employeeUnits(ids)),
      rootBusinessUnits: () => (calls.push('roots'), org.rootBusinessUnits()),
      knownBusinessUnits: (ids) => (calls.push('known'), org.knownBusinessUnits(ids)),
      ancestors: (id) => (calls.push('ancestors'), org.ancestors(id)),
    };
    const p = new OrgScopePolicy(counted);
    await allows(p.assertBusinessUnit(actor(['hr'], ['ROOT']), 'BU-7A', 'write'));
    await allows(p.assertEmployee(actor(['manager'], ['BU-7']), 'ana', 'read'));
    await refuses(p.assertEmployee(actor(['manager'], ['BU-7']), 'ben', 'read'));
    expect(calls.filter((c) => c === 'subtree')).toEqual([]);
    expect(calls).toContain('ancestors');
  });
});
