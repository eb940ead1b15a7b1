import type { IncentiveEffectInputs, PolicyInForce } from '@tpm/rewards-domain';

/** Policies as the read model has them: the one in force for a unit is its own or the nearest ancestor's. */
export interface PolicyCatalogue {
  /** The version in force on a date for a unit and cycle (cycleId null: any cycle's, the latest started). */
  inForce(businessUnitId: string, cycleId: string | null, on: string): Promise<PolicyInForce | null>;
  /** The policy a unit itself defines for a cycle, if any. */
  definedFor(businessUnitId: string, cycleId: string): Promise<string | null>;
}

/** The local copy of the organization. */
export interface EmployeeDirectory {
  employee(employeeId: string): Promise<{ businessUnitId: string; active: boolean } | null>;
  byNumbers(employeeNumbers: string[]): Promise<Map<string, { employeeId: string; businessUnitId: string }>>;
}

/** The read model's answers the effect measurement and the survey need. */
export interface RewardFacts {
  effectInputs(policyId: string, businessUnitIds: string[], cycleId: string, asOf: string): Promise<IncentiveEffectInputs>;
  rewardOf(employeeId: string, cycleId: string): Promise<{ policyId: string; businessUnitId: string } | null>;
}
