import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { monthlyReviewDecider, MonthlyReviewNotFound, type MonthlyReview, type MonthlyReviewCommand, type MonthlyReviewContent, type ReviewSubject } from '@tpm/coaching-domain';
import { EmployeeUnknown } from './coaching.errors';
import { monthlyReviewStream } from './coaching.streams';
import type { EmployeeDirectory } from './ports';

const unitOf = (s: MonthlyReview) => (s.status === 'none' ? null : s.businessUnitId);

/** The monthly review form: opened per employee or department, submitted, reminded, flagged overdue. */
export class MonthlyReviewHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly directory: EmployeeDirectory,
  ) {}

  private async run(reviewId: string, command: (at: string) => MonthlyReviewCommand, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, monthlyReviewStream(reviewId), monthlyReviewDecider)(
      (s) => {
        if (s.status === 'none') throw new MonthlyReviewNotFound(reviewId);
        return command(at);
      },
      { context, at, businessUnitId: unitOf },
    );
    return result;
  }

  /** An employee's form belongs to their unit; a department's to the unit named. */
  async open(input: { reviewId: string; subject: ReviewSubject; businessUnitId: string | null; reviewerId: string; month: string; dueOn: string }, context: CommandContext): Promise<CommandResult> {
    let businessUnitId = input.businessUnitId;
    if (input.subject.kind === 'employee') {
      const employee = await this.directory.employee(input.subject.employeeId);
      if (!employee) throw new EmployeeUnknown(input.subject.employeeId);
      businessUnitId = employee.businessUnitId;
    }
    const unit = businessUnitId as string;
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, monthlyReviewStream(input.reviewId), monthlyReviewDecider)(
      () => ({ type: 'OpenMonthlyReview', data: { ...input, businessUnitId: unit, at } }),
      { context, at, businessUnitId: () => unit },
    );
    return result;
  }
  submit(reviewId: string, content: MonthlyReviewContent, context: CommandContext) {
    return this.run(reviewId, (at) => ({ type: 'SubmitMonthlyReview', data: { ...content, submittedBy: context.actor.subject, at } }), context);
  }
  remind(reviewId: string, context: CommandContext) {
    return this.run(reviewId, (at) => ({ type: 'RemindMonthlyReview', data: { at } }), context);
  }
  flagOverdue(reviewId: string, context: CommandContext) {
    return this.run(reviewId, (at) => ({ type: 'FlagMonthlyReviewOverdue', data: { at } }), context);
  }
  cancel(reviewId: string, reason: string, context: CommandContext) {
    return this.run(reviewId, (at) => ({ type: 'CancelMonthlyReview', data: { reason, at } }), context);
  }
}
