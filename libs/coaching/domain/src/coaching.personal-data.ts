import { COACHING_QUESTIONS } from './session/coaching-questions';

type Data = Record<string, unknown>;
/** The shape of the platform's `PersonalDataRule` (`@tpm/event-store`), which a domain lib may not import. */
interface PersonalField {
  type: string;
  subject: (data: Data) => string | null | undefined;
  fields: string[];
}
const coachee = (d: Data) => d.coacheeId as string;
const employee = (d: Data) => d.employeeId as string;
/** A department's form has no employee: its text is the reviewer's statement, under the reviewer's key. */
const reviewSubject = (d: Data) => ((d.subject as { kind: string; employeeId?: string }).employeeId ?? (d.reviewerId as string));

/**
 * The coaching context's personal fields, whose subject is the person the text is about: the
 * coachee (agendas, answers, praise, action items, style override reasons, private notes: ADR
 * 0022) or the employee (difficulties, plans, monthly reviews). Ids, dates, levels and outcomes
 * are not personal text and stay in the clear.
 */
export const COACHING_PERSONAL_DATA: readonly PersonalField[] = [
  { type: 'CoachingStyleOverridden', subject: coachee, fields: ['reason'] },
  { type: 'SessionScheduled', subject: coachee, fields: ['carriedOver.*.text'] },
  { type: 'TalkingPointAdded', subject: coachee, fields: ['text'] },
  { type: 'CoachingQuestionsAnswered', subject: coachee, fields: COACHING_QUESTIONS.map((q) => `answers.${q}`) },
  { type: 'PraiseGiven', subject: coachee, fields: ['behaviour', 'example'] },
  { type: 'ActionItemAdded', subject: coachee, fields: ['text'] },
  { type: 'SessionCancelled', subject: coachee, fields: ['reason'] },
  { type: 'DifficultyReported', subject: employee, fields: ['description'] },
  { type: 'DifficultyResolved', subject: employee, fields: ['resolution'] },
  { type: 'PrivateNoteWritten', subject: coachee, fields: ['text'] },
  { type: 'PrivateNoteRevised', subject: coachee, fields: ['text'] },
  {
    type: 'MonthlyReviewSubmitted',
    subject: reviewSubject,
    fields: ['objectives.*.mainGaps', 'lastMonthReport', 'nextMonthPlan', 'suggestions', 'managerSummary', 'expectations'],
  },
  { type: 'MonthlyReviewCancelled', subject: reviewSubject, fields: ['reason'] },
  { type: 'ImprovementPlanOpened', subject: employee, fields: ['reason'] },
  { type: 'PlanActionAdded', subject: employee, fields: ['text', 'support'] },
  { type: 'PlanProgressChecked', subject: employee, fields: ['note'] },
  { type: 'ImprovementPlanExtended', subject: employee, fields: ['reason'] },
];
