import type { PersonalDataPolicy, PersonalDataRule } from '@tpm/event-store';

type About = { employeeId: string };
const about = (type: string, fields: string[]): PersonalDataRule<About> => ({ type, subject: (d) => d.employeeId, fields });

/**
 * The performance context's personal data, sealed under the key of the employee it is about: their
 * name, the free text written about them (assessments, calibration reasons, disputes and their
 * resolution, feedback, progress comments) and why they left. Erasing the employee destroys the
 * key; scores, bands, ratings and dates stay readable.
 */
export const performancePersonalData: PersonalDataPolicy = [
  about('EmployeeOnboarded', ['name']),
  about('EmployeeOffboarded', ['reason']),
  about('SelfAssessmentSubmitted', ['comment']),
  about('ManagerAssessmentSubmitted', ['comment']),
  about('RatingCalibrated', ['reason']),
  about('AppraisalDisputed', ['reason']),
  about('AppraisalDisputeResolved', ['note']),
  about('PeerFeedbackSubmitted', ['comment']),
  about('ProgressReported', ['comment']),
  // A personal objective's title can say anything about the person (the read model blanks its copy too).
  about('ObjectiveAssigned', ['title']),
];
