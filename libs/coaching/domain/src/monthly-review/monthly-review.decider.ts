import { assertNever, type Decider } from '@tpm/kernel';
import type { MonthlyReviewCommand } from './monthly-review.commands';
import { MonthlyReviewDueBeforeMonth, MonthlyReviewExists, MonthlyReviewNotOpen } from './monthly-review.errors';
import { overdueAt, type MonthlyReviewContent, type MonthlyReviewEvent, type MonthlyReviewRef } from './monthly-review.events';

export type MonthlyReview =
  | { status: 'none' }
  | (MonthlyReviewRef & {
      status: 'open' | 'submitted' | 'cancelled';
      reminded: boolean;
      overdue: boolean;
      content: MonthlyReviewContent | null;
      submittedAt: string | null;
      onTime: boolean | null;
    });

const refOf = (s: MonthlyReviewRef): MonthlyReviewRef => ({ reviewId: s.reviewId, subject: s.subject, businessUnitId: s.businessUnitId, reviewerId: s.reviewerId, month: s.month, dueOn: s.dueOn });

const decide = (cmd: MonthlyReviewCommand, s: MonthlyReview): MonthlyReviewEvent[] => {
  switch (cmd.type) {
    case 'OpenMonthlyReview': {
      const d = cmd.data;
      if (s.status !== 'none') {
        if (s.month === d.month && s.dueOn === d.dueOn && s.businessUnitId === d.businessUnitId) return [];
        throw new MonthlyReviewExists(d.reviewId);
      }
      if (d.dueOn < `${d.month}-01`) throw new MonthlyReviewDueBeforeMonth(d.month, d.dueOn);
      return [{ type: 'MonthlyReviewOpened', data: { ...d } }];
    }
    case 'SubmitMonthlyReview': {
      if (s.status !== 'open') throw new MonthlyReviewNotOpen(s.status === 'none' ? 'unknown' : s.status);
      const { at } = cmd.data;
      return [{ type: 'MonthlyReviewSubmitted', data: { ...refOf(s), ...cmd.data, onTime: at <= overdueAt(s.dueOn) } }];
    }
    // The scheduler's deadlines: a form already submitted or cancelled, or already told, says nothing.
    case 'RemindMonthlyReview':
      return s.status === 'open' && !s.reminded && !s.overdue ? [{ type: 'MonthlyReviewReminderSent', data: { ...refOf(s), at: cmd.data.at } }] : [];
    case 'FlagMonthlyReviewOverdue':
      return s.status === 'open' && !s.overdue && cmd.data.at >= overdueAt(s.dueOn) ? [{ type: 'MonthlyReviewFlaggedOverdue', data: { ...refOf(s), at: cmd.data.at } }] : [];
    case 'CancelMonthlyReview':
      if (s.status === 'none') throw new MonthlyReviewNotOpen('unknown');
      return s.status === 'open' ? [{ type: 'MonthlyReviewCancelled', data: { ...refOf(s), ...cmd.data } }] : [];
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: MonthlyReview, e: MonthlyReviewEvent): MonthlyReview => {
  if (e.type === 'MonthlyReviewOpened') return { ...refOf(e.data), status: 'open', reminded: false, overdue: false, content: null, submittedAt: null, onTime: null };
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'MonthlyReviewSubmitted': {
      const { objectives, lastMonthReport, nextMonthPlan, suggestions, managerSummary, expectations } = e.data;
      return { ...s, status: 'submitted', content: { objectives, lastMonthReport, nextMonthPlan, suggestions, managerSummary, expectations }, submittedAt: e.data.at, onTime: e.data.onTime };
    }
    case 'MonthlyReviewReminderSent':
      return { ...s, reminded: true };
    case 'MonthlyReviewFlaggedOverdue':
      return { ...s, overdue: true };
    case 'MonthlyReviewCancelled':
      return { ...s, status: 'cancelled' };
    default:
      return assertNever(e);
  }
};

export const monthlyReviewDecider: Decider<MonthlyReviewCommand, MonthlyReviewEvent, MonthlyReview> = { decide, evolve, initialState: (): MonthlyReview => ({ status: 'none' }) };
