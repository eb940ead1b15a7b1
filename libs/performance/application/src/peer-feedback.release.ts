import { randomInt, randomUUID } from 'node:crypto';
import type { Clock } from '@tpm/kernel';
import { execute, retryOnConflict, type CommandContext, type EventStore } from '@tpm/event-store';
import { CYCLE_STAGES, peerFeedbackDecider } from '@tpm/performance-domain';
import { requireCycle } from './appraisal.readers';
import { ANONYMOUS_REVIEWER } from './peer-feedback.handler';
import type { AnonymousFeedbackHoldingArea, HeldEntry } from './peer-feedback.holding-area';
import type { CycleRecord, PerformanceReadModel } from './performance-read.model';
import { peerFeedbackStream } from './performance.streams';

/** Fisher-Yates with a cryptographic source: the batch's order must say nothing about the order of sealing. */
const shuffled = <T>(items: T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

const isPastReview = (cycle: CycleRecord) => CYCLE_STAGES.indexOf(cycle.stage) > CYCLE_STAGES.indexOf('review');

/**
 * Files a cycle's held anonymous feedback into the log once the cycle has left review: one shuffled
 * batch (the appends are queued together, so they share the store's flushes), each entry under the
 * anonymous actor with a fresh correlation id, no causation, no trace, the release time as
 * occurred-at. Then the held rows and the stage key are destroyed in the same holding-area
 * transaction. Exactly once: the event ids were fixed at sealing, so a release resumed after a
 * crash re-appends the same ids (the decider skips what is filed) and only then destroys.
 */
export class ReleaseAnonymousFeedbackHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly holding: AnonymousFeedbackHoldingArea,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: { cycleId: string }): Promise<{ cycleId: string; released: number }> {
    return this.holding.releasing(input.cycleId, async (box) => {
      const cycle = await requireCycle(this.reads, input.cycleId);
      if (!isPastReview(cycle)) return { cycleId: input.cycleId, released: 0 };
      const at = this.clock.now().toISOString();
      const byAppraisal = new Map<string, HeldEntry[]>();
      for (const e of shuffled(await box.held())) byAppraisal.set(e.employeeId, [...(byAppraisal.get(e.employeeId) ?? []), e]);
      const appended = await Promise.all(
        shuffled([...byAppraisal]).map(([employeeId, entries]) => retryOnConflict(() => this.file(cycle, input.cycleId, employeeId, entries, at))),
      );
      await box.destroy();
      return { cycleId: input.cycleId, released: appended.reduce((n, k) => n + k, 0) };
    });
  }

  /** Every cycle a restarted service still holds anonymous feedback for: released if its review is over. */
  async releaseDue(): Promise<number> {
    let released = 0;
    for (const cycleId of await this.holding.cyclesHolding()) released += (await this.handle({ cycleId })).released;
    return released;
  }

  private async file(cycle: CycleRecord, cycleId: string, employeeId: string, entries: HeldEntry[], at: string): Promise<number> {
    // Held feedback names an enrolled employee (sealing checked it): their unit files it.
    const unit = (await this.reads.participant(cycleId, employeeId))?.businessUnitId ?? null;
    let pending: HeldEntry[] = [];
    // Nothing of any request: a neutral actor and an id that starts and ends here.
    // Untraced too: released inside another request (a stage advance), its span must not reach these events.
    const context: CommandContext = { actor: ANONYMOUS_REVIEWER, correlationId: randomUUID(), causationId: null, traceparent: null, untraced: true, eventIdFor: (n) => pending[n].eventId };
    const { result } = await execute(this.store, peerFeedbackStream(cycleId, employeeId), peerFeedbackDecider)(
      (state) => {
        const filed = new Set(state.entries.map((e) => e.feedbackId));
        pending = entries.filter((e) => !filed.has(e.feedbackId));
        return {
          type: 'ReleaseAnonymousFeedback',
          data: { cycleId, employeeId, stage: cycle.stage, entries: pending.map(({ feedbackId, relation, rating, comment }) => ({ feedbackId, relation, rating, comment })), at },
        };
      },
      { context, at, businessUnitId: () => unit },
    );
    return result.appended;
  }
}
