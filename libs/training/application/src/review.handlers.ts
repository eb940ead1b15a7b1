import { randomUUID } from 'node:crypto';
import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { findingsBelowThreshold, reviewDecider, type ProgramEvaluationStats, type ReviewThresholds } from '@tpm/training-domain';
import { loadProgram, reviseProgram, type ProgramRevision } from './program.handlers';
import { programReviewStream } from './training.streams';

/** Continuous improvement: flag a program below its thresholds, record actions, link the next version. */
export class ProgramReviewHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly thresholds: ReviewThresholds,
  ) {}

  async check(programId: string, stats: ProgramEvaluationStats, context: CommandContext) {
    const program = await loadProgram(this.store, programId);
    const findings = findingsBelowThreshold(stats, this.thresholds);
    const at = this.clock.now().toISOString();
    if (!findings.length) return { flagged: false, findings, reviewId: null, stats, thresholds: this.thresholds };
    const reviewId = randomUUID();
    const { state } = await execute(this.store, programReviewStream(programId), reviewDecider)(() => ({ type: 'FlagProgramForReview', data: { reviewId, programId, programVersion: program.version, findings, at } }), {
      context,
      at,
      businessUnitId: () => program.businessUnitId,
    });
    return { flagged: true, findings, reviewId: state.open?.reviewId ?? reviewId, stats, thresholds: this.thresholds };
  }

  async recordAction(programId: string, input: { reviewId: string; description: string; owner: string }, context: CommandContext): Promise<CommandResult> {
    const program = await loadProgram(this.store, programId);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, programReviewStream(programId), reviewDecider)(() => ({ type: 'RecordImprovementAction', data: { ...input, actionId: randomUUID(), at } }), {
      context,
      at,
      businessUnitId: () => program.businessUnitId,
    });
    return result;
  }

  /** The next program version carries the review's actions; the review closes naming it. */
  async reviseFromReview(programId: string, input: { reviewId: string; changes: ProgramRevision['changes'] }, context: CommandContext) {
    const { state } = await this.store.aggregate(programReviewStream(programId), reviewDecider);
    const at = this.clock.now().toISOString();
    // Refuse before writing the version: a review that cannot close must not get one.
    reviewDecider.decide({ type: 'CloseReview', data: { reviewId: input.reviewId, nextProgramVersion: 0, at } }, state);
    const revised = await reviseProgram(this.store, this.clock, { programId, changes: input.changes, reviewId: input.reviewId }, context);
    const nextProgramVersion = revised.state.status === 'new' ? 0 : revised.state.version;
    const owner = revised.state.status === 'new' ? null : revised.state.businessUnitId;
    await execute(this.store, programReviewStream(programId), reviewDecider)(() => ({ type: 'CloseReview', data: { reviewId: input.reviewId, nextProgramVersion, at } }), {
      context,
      at,
      businessUnitId: () => owner,
    });
    return { programId, version: nextProgramVersion, reviewId: input.reviewId };
  }
}
