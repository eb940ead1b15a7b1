import { deciderSpec } from '@tpm/kernel/testing';
import { monthlyReviewDecider } from './monthly-review.decider';
import { MonthlyReviewDueBeforeMonth, MonthlyReviewExists, MonthlyReviewNotOpen } from './monthly-review.errors';
import type { MonthlyReviewEvent, MonthlyReviewRef } from './monthly-review.events';

const given = deciderSpec(monthlyReviewDecider);
const ref: MonthlyReviewRef = { reviewId: 'r1', subject: { kind: 'employee', employeeId: 'ana' }, businessUnitId: 'sales', reviewerId: 'mia', month: '2027-03', dueOn: '2027-03-31' };
const opened: MonthlyReviewEvent = { type: 'MonthlyReviewOpened', data: { ...ref, at: '2027-03-01T00:00:00.000Z' } };
const content = { objectives: [{ objectiveId: 'o1', completion: 50, mainGaps: 'pipeline' }], lastMonthReport: 'ok', nextMonthPlan: 'calls', suggestions: '', managerSummary: 'steady', expectations: '' };
const submit = (at: string) => ({ type: 'SubmitMonthlyReview' as const, data: { ...content, submittedBy: 'mia', at } });

describe('OpenMonthlyReview', () => {
  it('opens a form due by a date', () => given([]).when({ type: 'OpenMonthlyReview', data: opened.data }).then([opened]));
  it('refuses a due date before the month starts', () => given([]).when({ type: 'OpenMonthlyReview', data: { ...opened.data, dueOn: '2027-02-28' } }).thenThrows(MonthlyReviewDueBeforeMonth));
  it('refuses other terms under an existing id', () => given([opened]).when({ type: 'OpenMonthlyReview', data: { ...opened.data, month: '2027-04', dueOn: '2027-04-30' } }).thenThrows(MonthlyReviewExists));
});

describe('SubmitMonthlyReview', () => {
  it('is on time until the end of the due day', () => given([opened]).when(submit('2027-03-31T23:00:00.000Z')).thenState((s) => expect(s).toMatchObject({ status: 'submitted', onTime: true })));
  it('is late after it', () => given([opened]).when(submit('2027-04-01T00:00:01.000Z')).thenState((s) => expect(s).toMatchObject({ status: 'submitted', onTime: false })));
  it('refuses a second submission', () => given([opened, { type: 'MonthlyReviewSubmitted', data: { ...ref, ...content, onTime: true, submittedBy: 'mia', at: '2027-03-30T00:00:00.000Z' } }]).when(submit('2027-03-31T00:00:00.000Z')).thenThrows(MonthlyReviewNotOpen));
});

describe('the deadlines', () => {
  const at = '2027-04-01T00:00:00.000Z';
  it('reminds an open form once', () => {
    given([opened]).when({ type: 'RemindMonthlyReview', data: { at: '2027-03-28T00:00:00.000Z' } }).then([{ type: 'MonthlyReviewReminderSent', data: { ...ref, at: '2027-03-28T00:00:00.000Z' } }]);
    given([opened, { type: 'MonthlyReviewReminderSent', data: { ...ref, at } }]).when({ type: 'RemindMonthlyReview', data: { at } }).then([]);
  });
  it('flags an unsubmitted form overdue only after its due day', () => {
    given([opened]).when({ type: 'FlagMonthlyReviewOverdue', data: { at: '2027-03-31T12:00:00.000Z' } }).then([]);
    given([opened]).when({ type: 'FlagMonthlyReviewOverdue', data: { at } }).then([{ type: 'MonthlyReviewFlaggedOverdue', data: { ...ref, at } }]);
  });
  it('never flags a submitted or cancelled form', () => {
    given([opened, { type: 'MonthlyReviewCancelled', data: { ...ref, reason: 'offboarded', at } }]).when({ type: 'FlagMonthlyReviewOverdue', data: { at } }).then([]);
  });
});
