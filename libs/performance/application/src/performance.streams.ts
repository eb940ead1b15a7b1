/** One stream per goal: cascading a goal never contends with its parent. */
export const goalStream = (goalId: string) => `performance-goal-${goalId}`;
/** One scorecard per employee and period; edits of different people never contend. */
export const scorecardStream = (employeeId: string, period: string) => `performance-scorecard-${employeeId}-${period}`;
export const cycleStream = (cycleId: string) => `performance-cycle-${cycleId}`;
export const appraisalStream = (cycleId: string, employeeId: string) => `performance-appraisal-${cycleId}-${employeeId}`;
/** Apart from the appraisal: the employee's answer never races the committee's calibration. */
export const appraisalResponseStream = (cycleId: string, employeeId: string) => `performance-appraisal-response-${cycleId}-${employeeId}`;
/** Apart from the appraisal: many reviewers write at once during review. */
export const peerFeedbackStream = (cycleId: string, employeeId: string) => `performance-feedback-${cycleId}-${employeeId}`;
export const competencyStream = (employeeId: string) => `performance-competencies-${employeeId}`;
/** Who may give 360 feedback on one appraisal: apart from the feedback, which reviewers write at once. */
export const feedbackNominationStream = (cycleId: string, employeeId: string) => `performance-feedback-nominations-${cycleId}-${employeeId}`;
