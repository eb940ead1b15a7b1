import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import {
  difficultyDecider,
  DifficultyNotFound,
  EngagementClosedAlready,
  engagementDecider,
  EngagementNotFound,
  type Difficulty,
  type DifficultyCommand,
  type DifficultyKind,
  type ObstacleNeed,
} from '@tpm/coaching-domain';
import { difficultyStream, engagementStream } from './coaching.streams';

const unitOf = (s: Difficulty) => (s.status === 'none' ? null : s.businessUnitId);

export interface ReportDifficultyInput {
  difficultyId: string;
  engagementId: string;
  sessionId: string | null;
  kind: DifficultyKind;
  competency: string | null;
  currentLevel: number | null;
  requiredLevel: number | null;
  description: string;
  request: { need: ObstacleNeed; assigneeId: string; dueOn: string } | null;
}

/** A difficulty of the coachee, raised in (or between) sessions of an engagement. */
export class DifficultyHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  private async run(difficultyId: string, command: (at: string) => DifficultyCommand, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, difficultyStream(difficultyId), difficultyDecider)(
      (s) => {
        if (s.status === 'none') throw new DifficultyNotFound(difficultyId);
        return command(at);
      },
      { context, at, businessUnitId: unitOf },
    );
    return result;
  }

  async report(input: ReportDifficultyInput, context: CommandContext): Promise<CommandResult> {
    const { state: engagement } = await this.store.aggregate(engagementStream(input.engagementId), engagementDecider);
    if (engagement.status === 'none') throw new EngagementNotFound(input.engagementId);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, difficultyStream(input.difficultyId), difficultyDecider)(
      (s) => {
        if (s.status === 'none' && engagement.status === 'closed') throw new EngagementClosedAlready();
        return {
          type: 'ReportDifficulty',
          data: { ...input, employeeId: engagement.coacheeId, businessUnitId: engagement.businessUnitId, reportedBy: context.actor.subject, at },
        };
      },
      { context, at, businessUnitId: () => engagement.businessUnitId },
    );
    return result;
  }
  assign(difficultyId: string, assigneeId: string, context: CommandContext) {
    return this.run(difficultyId, (at) => ({ type: 'AssignObstacleRequest', data: { assigneeId, at } }), context);
  }
  resolve(difficultyId: string, resolution: string, context: CommandContext) {
    return this.run(difficultyId, (at) => ({ type: 'ResolveDifficulty', data: { resolution, by: context.actor.subject, at } }), context);
  }
}
