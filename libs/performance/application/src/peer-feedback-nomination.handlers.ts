import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { feedbackNominationDecider } from '@tpm/performance-domain';
import { cycleFactsFor, requireActiveEmployee } from './appraisal.readers';
import type { PerformanceReadModel } from './performance-read.model';
import { feedbackNominationStream } from './performance.streams';

export interface NominationInput {
  cycleId: string;
  /** The reviewee. */
  employeeId: string;
  reviewerId: string;
  /** The employee the caller is (from the token), or null. */
  actingEmployeeId: string | null;
}

/** The reviewee or their manager puts a colleague from any unit forward; the manager is read from the org. */
export class NominateReviewerHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: NominationInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId, reviewerId } = input;
    const { facts, businessUnitId } = await cycleFactsFor(this.reads, cycleId, employeeId);
    const employee = await requireActiveEmployee(this.store, employeeId);
    await requireActiveEmployee(this.store, reviewerId);
    const at = this.clock.now().toISOString();
    const data = { cycleId, employeeId, reviewerId, stage: facts.stage, nominatedBy: input.actingEmployeeId, managerId: employee.managerId, at };
    const { result } = await execute(this.store, feedbackNominationStream(cycleId, employeeId), feedbackNominationDecider)(() => ({ type: 'NominateReviewer', data }), {
      context,
      at,
      businessUnitId: () => businessUnitId,
    });
    return result;
  }
}

/** The reviewee's manager or HR approves a nominee: only then may they give peer feedback. */
export class ApproveNominationHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: NominationInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId, reviewerId } = input;
    const { facts, businessUnitId } = await cycleFactsFor(this.reads, cycleId, employeeId);
    const employee = await requireActiveEmployee(this.store, employeeId);
    const at = this.clock.now().toISOString();
    const { actor } = context;
    const data = {
      cycleId,
      employeeId,
      reviewerId,
      stage: facts.stage,
      approvedBy: input.actingEmployeeId,
      approvedBySubject: actor.subject,
      managerId: employee.managerId,
      byHr: actor.roles.includes('hr'),
      at,
    };
    const { result } = await execute(this.store, feedbackNominationStream(cycleId, employeeId), feedbackNominationDecider)(() => ({ type: 'ApproveNomination', data }), {
      context,
      at,
      businessUnitId: () => businessUnitId,
    });
    return result;
  }
}
