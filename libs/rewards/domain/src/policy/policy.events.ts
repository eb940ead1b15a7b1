import type { PolicyRules } from './policy.rules';

export interface PolicyVersion {
  version: number;
  effectiveFrom: string;
  rules: PolicyRules;
}

export type PolicyEvent =
  | {
      type: 'PolicyDefined';
      data: { policyId: string; businessUnitId: string; cycleId: string; name: string; version: 1; effectiveFrom: string; rules: PolicyRules; at: string };
    }
  | { type: 'PolicyVersionPublished'; data: { policyId: string; businessUnitId: string; cycleId: string; version: number; effectiveFrom: string; rules: PolicyRules; at: string } };

export type PolicyCommand =
  | { type: 'DefinePolicy'; data: { policyId: string; businessUnitId: string; cycleId: string; name: string; effectiveFrom: string; rules: PolicyRules; at: string } }
  | { type: 'PublishPolicyVersion'; data: { policyId: string; effectiveFrom: string; rules: PolicyRules; at: string } };

export type PolicyState =
  | { status: 'new' }
  | { status: 'defined'; policyId: string; businessUnitId: string; cycleId: string; name: string; versions: PolicyVersion[] };
