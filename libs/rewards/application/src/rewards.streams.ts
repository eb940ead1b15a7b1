/** One stream per policy: its versions, in order. */
export const policyStream = (policyId: string) => `rewards-policy-${policyId}`;
/** An employee's base pay history (personal data, encrypted per person). */
export const payStream = (employeeId: string) => `rewards-pay-${employeeId}`;
/** One proposal per appraisal: the stream itself deduplicates a redelivered appraisal. */
export const proposalStream = (proposalId: string) => `rewards-proposal-${proposalId}`;
/** A unit's budget in a cycle: every final approval appends its reservation here (ADR 0023). */
export const budgetStream = (budgetUnitId: string, cycleId: string) => `rewards-budget-${budgetUnitId}--${cycleId}`;
export const grantStream = (grantId: string) => `rewards-grant-${grantId}`;
/** An employee's cycle results, plan outcomes and the recommendations they justify. */
export const careerStream = (employeeId: string) => `rewards-career-${employeeId}`;
export const recognitionStream = (employeeId: string) => `rewards-recognition-${employeeId}`;
export const surveyStream = (employeeId: string, cycleId: string) => `rewards-survey-${employeeId}--${cycleId}`;
export const effectStream = (policyId: string, businessUnitId: string, cycleId: string) => `rewards-effect-${policyId}--${businessUnitId}--${cycleId}`;
