import { assertNever, type Decider } from '@tpm/kernel';
import { PolicyAlreadyDefined, PolicyInvalid, PolicyNotFound, PolicyVersionNotInFuture } from '../rewards.errors';
import type { PolicyCommand, PolicyEvent, PolicyState, PolicyVersion } from './policy.events';
import { policyProblems, type PolicyRules } from './policy.rules';

const day = (iso: string) => iso.slice(0, 10);
/** Key order is not meaning: the store keeps canonical JSON, a request keeps its own order. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)])) : v;
const sameRules = (a: PolicyRules, b: PolicyRules) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

const valid = (rules: PolicyRules) => {
  const problems = policyProblems(rules);
  if (problems.length) throw new PolicyInvalid(problems);
};

const decide = (cmd: PolicyCommand, s: PolicyState): PolicyEvent[] => {
  switch (cmd.type) {
    case 'DefinePolicy': {
      const d = cmd.data;
      if (s.status === 'defined') {
        const first = s.versions[0];
        // The same definition sent again is a retry: nothing new.
        if (first.effectiveFrom === d.effectiveFrom && sameRules(first.rules, d.rules) && s.businessUnitId === d.businessUnitId && s.cycleId === d.cycleId) return [];
        throw new PolicyAlreadyDefined(d.policyId);
      }
      valid(d.rules);
      return [{ type: 'PolicyDefined', data: { ...d, version: 1 } }];
    }
    case 'PublishPolicyVersion': {
      const d = cmd.data;
      if (s.status === 'new') throw new PolicyNotFound(d.policyId);
      const latest = s.versions[s.versions.length - 1];
      if (latest.effectiveFrom === d.effectiveFrom && sameRules(latest.rules, d.rules)) return [];
      valid(d.rules);
      // Never back-dated, never before the latest version: what was in force stays as it was.
      const today = day(d.at);
      const notBefore = latest.effectiveFrom >= today ? nextDay(latest.effectiveFrom) : today;
      if (d.effectiveFrom < notBefore) throw new PolicyVersionNotInFuture(d.effectiveFrom, notBefore);
      return [{ type: 'PolicyVersionPublished', data: { policyId: s.policyId, businessUnitId: s.businessUnitId, cycleId: s.cycleId, version: latest.version + 1, effectiveFrom: d.effectiveFrom, rules: d.rules, at: d.at } }];
    }
    default:
      return assertNever(cmd);
  }
};

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const evolve = (s: PolicyState, e: PolicyEvent): PolicyState => {
  switch (e.type) {
    case 'PolicyDefined':
      return { status: 'defined', policyId: e.data.policyId, businessUnitId: e.data.businessUnitId, cycleId: e.data.cycleId, name: e.data.name, versions: [{ version: 1, effectiveFrom: e.data.effectiveFrom, rules: e.data.rules }] };
    case 'PolicyVersionPublished':
      return s.status === 'defined' ? { ...s, versions: [...s.versions, { version: e.data.version, effectiveFrom: e.data.effectiveFrom, rules: e.data.rules }] } : s;
    default:
      return s;
  }
};

/** The version in force on a date (YYYY-MM-DD or an instant): the latest one started by then. */
export const versionInForce = (s: PolicyState, on: string): PolicyVersion | null =>
  s.status === 'defined' ? ([...s.versions].reverse().find((v) => v.effectiveFrom <= day(on)) ?? null) : null;

export const policyDecider: Decider<PolicyCommand, PolicyEvent, PolicyState> = { decide, evolve, initialState: () => ({ status: 'new' }) };
