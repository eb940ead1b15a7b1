import { contractProblems, currentVersionOf } from '@tpm/contracts';
import { COACHING_PERSONAL_DATA } from '@tpm/coaching-domain';
import { coachingPublished } from './coaching.published';

const at = '2027-03-01T09:00:00.000Z';
const stored = (type: string, data: unknown) => ({ type, schemaVersion: 1, data });
const difficulty = { difficultyId: 'd1', engagementId: 'e1', sessionId: 's1', employeeId: 'ana', businessUnitId: 'sales', kind: 'skill-gap', competency: 'Negotiation', currentLevel: 1, requiredLevel: 3, description: 'freezes on price', request: null, reportedBy: 'mia', at };
const plan = { planId: 'p1', employeeId: 'ana', businessUnitId: 'sales', appraisalId: 'a1' };
const review = { reviewId: 'r1', subject: { kind: 'department' }, businessUnitId: 'sales', reviewerId: 'mia', month: '2027-03', dueOn: '2027-03-31' };

describe('coaching.events carries exactly its published contracts', () => {
  const samples = [
    stored('EngagementStarted', { engagementId: 'e1', coacheeId: 'ana', businessUnitId: 'sales', coachId: 'mia', coachKind: 'manager', goals: [], cycleId: null, cadence: 'weekly', at }),
    stored('EngagementClosed', { engagementId: 'e1', coacheeId: 'ana', businessUnitId: 'sales', outcome: 'offboarded', at }),
    stored('SessionHeld', { sessionId: 's1', engagementId: 'e1', coacheeId: 'ana', businessUnitId: 'sales', kind: 'formal', durationMinutes: 45, coveredPointIds: [], uncoveredPointIds: [], objectiveProgress: [], heldAt: at, at }),
    stored('DifficultyReported', difficulty),
    stored('MonthlyReviewSubmitted', { ...review, objectives: [], lastMonthReport: 'secret', nextMonthPlan: '', suggestions: '', managerSummary: '', expectations: '', onTime: true, submittedBy: 'mia', at }),
    stored('MonthlyReviewFlaggedOverdue', { ...review, at }),
    stored('ImprovementPlanOpened', { ...plan, openedBy: 'appraisal', reason: 'band below', startsOn: '2027-03-01', endsOn: '2027-05-30', at }),
    stored('ImprovementPlanClosed', { ...plan, outcome: 'failed', extensions: 1, by: 'mia', at }),
  ];

  it.each(samples.map((s) => [s.type, s]))('publishes %s as a valid contract of its current version', (_t, s) => {
    const c = coachingPublished(s)!;
    expect(c.version).toBe(currentVersionOf(c.type));
    expect(contractProblems(c)).toEqual([]);
  });

  it('publishes no personal text: descriptions, reasons and review texts stay in the store', () => {
    const all = JSON.stringify(samples.map(coachingPublished));
    for (const text of ['freezes on price', 'secret', 'band below']) expect(all).not.toContain(text);
  });

  it('keeps agendas, answers, praise, notes, styles and plan steps on the log only', () => {
    for (const type of ['TalkingPointAdded', 'CoachingQuestionsAnswered', 'PraiseGiven', 'PrivateNoteWritten', 'CoachingStyleRecommended', 'CoachingStyleOverridden', 'PlanActionAdded']) {
      expect(coachingPublished(stored(type, {}))).toBeNull();
    }
  });

  it('declares a subject for every personal field it keeps', () => {
    expect(COACHING_PERSONAL_DATA.find((r) => r.type === 'PrivateNoteWritten')!.subject({ coacheeId: 'ana', authorId: 'mia' })).toBe('ana');
    expect(COACHING_PERSONAL_DATA.find((r) => r.type === 'MonthlyReviewSubmitted')!.subject({ subject: { kind: 'department' }, reviewerId: 'mia' })).toBe('mia');
  });
});
