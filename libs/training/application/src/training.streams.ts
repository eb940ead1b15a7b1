import { competencyKey, needSubjectKey } from '@tpm/training-domain';

/** One stream per employee (or unit) and competency: the stream itself deduplicates needs. */
export const needStream = (employeeId: string | null, businessUnitId: string, competency: string) =>
  `training-need-${needSubjectKey(employeeId, businessUnitId)}-${competencyKey(competency)}`;
export const planStream = (planId: string) => `training-plan-${planId}`;
export const programStream = (programId: string) => `training-program-${programId}`;
/** A resource's whole calendar in one stream: optimistic concurrency serialises its bookings. */
export const resourceStream = (resourceId: string) => `training-resource-${resourceId}`;
export const sessionStream = (sessionId: string) => `training-session-${sessionId}`;
export const evaluationStream = (sessionId: string, employeeId: string) => `training-evaluation-${sessionId}-${employeeId}`;
export const followUpStream = (sessionId: string, employeeId: string) => `training-follow-up-${sessionId}-${employeeId}`;
export const programReviewStream = (programId: string) => `training-program-review-${programId}`;
