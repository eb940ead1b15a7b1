import type { Clock } from '@tpm/kernel';
import { deterministicUuid, execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { careerDecider, recognitionDecider } from '@tpm/rewards-domain';
import type { PolicyCatalogue } from './ports';
import { careerStream, recognitionStream } from './rewards.streams';

/** ImprovementPlanClosed: noted on the career (eligibility reads it); a failed plan asks for a demotion review. */
export class NotePlanClosedHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { planId: string; employeeId: string; businessUnitId: string; appraisalId: string | null; outcome: 'succeeded' | 'failed' | 'offboarded'; closedAt: string }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, careerStream(input.employeeId), careerDecider)(
      () => ({ type: 'NotePlanClosed', data: { ...input, recommendationId: deterministicUuid('reward-recommendation', input.planId, 'demotion-review'), at } }),
      { context, at, businessUnitId: () => input.businessUnitId },
    );
    return result;
  }
}

/** TrainingCompleted: the points the policy in force gives a completed training, once per session. */
export class AwardTrainingRecognitionHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly catalogue: PolicyCatalogue,
  ) {}
  async handle(input: { employeeId: string; businessUnitId: string; sessionId: string; completedAt: string }, context: CommandContext): Promise<CommandResult | null> {
    const policy = await this.catalogue.inForce(input.businessUnitId, null, input.completedAt);
    if (!policy || policy.rules.trainingRecognitionPoints <= 0) return null;
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, recognitionStream(input.employeeId), recognitionDecider)(
      () => ({
        type: 'AwardRecognition',
        data: {
          awardId: deterministicUuid('reward-recognition', input.employeeId, input.sessionId),
          employeeId: input.employeeId,
          businessUnitId: input.businessUnitId,
          policyId: policy.policyId,
          points: policy.rules.trainingRecognitionPoints,
          source: 'training',
          sourceRef: input.sessionId,
          at,
        },
      }),
      { context, at, businessUnitId: () => input.businessUnitId },
    );
    return result;
  }
}
