import type { Clock } from '@tpm/kernel';
import { execute, retryOnConflict, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import {
  appraisalCycleDecider,
  CURRENT_SCORING_RULES,
  CYCLE_STAGES,
  DEFAULT_RATING_BANDS,
  type AppraisalCycle,
  type CycleParticipant,
  type CycleStage,
  type RatingBand,
} from '@tpm/performance-domain';
import { requireCycle } from './appraisal.readers';
import type { CycleRecord, PerformanceReadModel } from './performance-read.model';
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

/** The cycle's decider state from its read-model record (the same fields, ADR 0025), at the record's version. */
const cycleStateOf = ({ version, ...open }: CycleRecord): { state: AppraisalCycle; version: number } => ({ state: { status: 'open', ...open }, version });

/** Who is in a business-unit subtree (or the whole organization) now. */
export interface CycleParticipantsSource {
  activeEmployeesIn(businessUnitId: string | null): Promise<CycleParticipant[]>;
}

/** Enrolments go in chunks so that a cycle over 10^5 employees never writes one giant event. */
const CHUNK = 1000;

/**
 * Enrols the scope's active employees not yet enrolled. Linear in the cycle's size: the cycle
 * stream is folded once (its state is a count), who is already enrolled is read from the read
 * model at that version, and each chunk appends at the version the previous one left, so a
 * concurrent enrolment or stage advance is a conflict (retried by the caller), never a duplicate.
 */
export class EnrolCycleParticipantsHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
    private readonly source: CycleParticipantsSource = reads,
  ) {}

  handle(input: { cycleId: string }, context: CommandContext): Promise<{ cycleId: string; enrolled: number; participants: number }> {
    // A retry enrols only who the first try left out: the read model then holds the rest.
    return retryOnConflict(() => this.enrol(input.cycleId, context), 3);
  }

  private async enrol(cycleId: string, context: CommandContext): Promise<{ cycleId: string; enrolled: number; participants: number }> {
    const cycle = await requireCycle(this.reads, cycleId);
    const candidates = await this.source.activeEmployeesIn(cycle.businessUnitId);
    // The cycle as its read model holds it at its latest committed version; a writer coming in
    // between fails the append's expected version, and the retry reads again.
    let loaded = cycleStateOf(cycle);
    let enrolled = 0;
    for (let i = 0; i < candidates.length; i += CHUNK) {
      const at = this.clock.now().toISOString();
      const participants = candidates.slice(i, i + CHUNK);
      const alreadyEnrolled = await this.reads.enrolledAmong(cycleId, participants.map((p) => p.employeeId));
      const { events, result, state } = await execute(this.store, cycleStream(cycleId), appraisalCycleDecider)(
        () => ({ type: 'EnrolParticipants', data: { cycleId, participants, alreadyEnrolled, at } }),
        { context, at, businessUnitId: () => cycle.businessUnitId, loaded },
      );
      loaded = { state, version: result.version };
      enrolled += events.reduce((n, e) => n + (e.type === 'ParticipantsEnrolled' ? e.data.participants.length : 0), 0);
    }
    const participants = loaded.state.status === 'open' ? loaded.state.participantCount : 0;
    return { cycleId, enrolled, participants };
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
    private readonly reads: PerformanceReadModel,
    private readonly afterReview?: AfterReview,
  ) {}

  async handle(input: { cycleId: string; to: CycleStage }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    // From the read model at the stream's committed version: the cycle stream holds every
    // enrolment chunk, which a fold per advance would read whole.
    const record = await this.reads.cycle(input.cycleId);
    const loaded = record ? cycleStateOf(record) : { state: appraisalCycleDecider.initialState(), version: 0 };
    const { result, state } = await execute(this.store, cycleStream(input.cycleId), appraisalCycleDecider)(() => ({ type: 'AdvanceAppraisalStage', data: { ...input, at } }), {
      context,
      at,
      businessUnitId: (s) => (s.status === 'open' ? s.businessUnitId : null),
      loaded,
    });
    // Past review the held anonymous feedback is released. It is idempotent, so a retried advance
    // (appended 0) finishes a release that a crash interrupted; the service also sweeps at boot.
    if (this.afterReview && state.status === 'open' && CYCLE_STAGES.indexOf(state.stage) > CYCLE_STAGES.indexOf('review')) await this.afterReview.handle({ cycleId: input.cycleId });
    return result;
  }
}
