import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { appraisalCycleDecider, CURRENT_SCORING_RULES, CYCLE_STAGES, DEFAULT_RATING_BANDS, type CycleParticipant, type CycleStage, type RatingBand } from '@tpm/performance-domain';
import { requireCycle } from './appraisal.readers';
import { requireBusinessUnit } from './org-structure.reader';
import { cycleStream } from './performance.streams';

export interface OpenAppraisalCycleInput {
  cycleId: string;
  period: string;
  /** null: the whole organization. */
  businessUnitId: string | null;
  bands?: RatingBand[];
  rulesVersion?: number;
}

export class OpenAppraisalCycleHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: OpenAppraisalCycleInput, context: CommandContext): Promise<CommandResult> {
    if (input.businessUnitId !== null) await requireBusinessUnit(this.store, input.businessUnitId);
    const at = this.clock.now().toISOString();
    const data = { ...input, bands: input.bands ?? DEFAULT_RATING_BANDS, rulesVersion: input.rulesVersion ?? CURRENT_SCORING_RULES, at };
    const { result } = await execute(this.store, cycleStream(input.cycleId), appraisalCycleDecider)(() => ({ type: 'OpenAppraisalCycle', data }), {
      context,
      at,
      businessUnitId: () => input.businessUnitId,
    });
    return result;
  }
}

/** Who is in a business-unit subtree (or the whole organization) now: read from the local org copy. */
export interface CycleParticipantsSource {
  activeEmployeesIn(businessUnitId: string | null): Promise<CycleParticipant[]>;
}

/** Enrolments go in chunks so that a cycle over 10^5 employees never writes one giant event. */
const CHUNK = 1000;

export class EnrolCycleParticipantsHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly source: CycleParticipantsSource,
  ) {}

  async handle(input: { cycleId: string }, context: CommandContext): Promise<{ cycleId: string; enrolled: number; participants: number }> {
    const { cycle } = await requireCycle(this.store, input.cycleId);
    const candidates = await this.source.activeEmployeesIn(cycle.businessUnitId);
    let enrolled = 0;
    for (let i = 0; i < candidates.length; i += CHUNK) {
      const at = this.clock.now().toISOString();
      const participants = candidates.slice(i, i + CHUNK);
      const { events } = await execute(this.store, cycleStream(input.cycleId), appraisalCycleDecider)(() => ({ type: 'EnrolParticipants', data: { cycleId: input.cycleId, participants, at } }), {
        context,
        at,
        businessUnitId: () => cycle.businessUnitId,
      });
      enrolled += events.reduce((n, e) => n + (e.type === 'ParticipantsEnrolled' ? e.data.participants.length : 0), 0);
    }
    const { cycle: after } = await requireCycle(this.store, input.cycleId);
    return { cycleId: input.cycleId, enrolled, participants: Object.keys(after.participants).length };
  }
}

/** What runs once a cycle is past review: the release of its held anonymous feedback. */
export interface AfterReview {
  handle(input: { cycleId: string }): Promise<unknown>;
}

export class AdvanceAppraisalStageHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly afterReview?: AfterReview,
  ) {}

  async handle(input: { cycleId: string; to: CycleStage }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result, state } = await execute(this.store, cycleStream(input.cycleId), appraisalCycleDecider)(() => ({ type: 'AdvanceAppraisalStage', data: { ...input, at } }), {
      context,
      at,
      businessUnitId: (s) => (s.status === 'open' ? s.businessUnitId : null),
    });
    // Past review the held anonymous feedback is released. It is idempotent, so a retried advance
    // (appended 0) finishes a release that a crash interrupted; the service also sweeps at boot.
    if (this.afterReview && state.status === 'open' && CYCLE_STAGES.indexOf(state.stage) > CYCLE_STAGES.indexOf('review')) await this.afterReview.handle({ cycleId: input.cycleId });
    return result;
  }
}
