import type { EventStore } from '@tpm/event-store';
import {
  alignmentTree,
  competencyGaps,
  nineBox,
  rankOf,
  AppraisalCycleNotFound,
  AppraisalNotFound,
  appraisalResponseDecider,
  competencyEvidenceDecider,
  goalDecider,
  GoalNotFound,
  peerFeedbackDecider,
  changesScores,
  rebandAppraisal,
  rescoreAppraisal,
  scorecardDecider,
  type AppraisalCycleEvent,
  type RatingBand,
  type WhatIfOutcome,
  type WhatIfScenario,
} from '@tpm/performance-domain';
import { assertValidBands, isRulesVersion, UnknownScoringRulesVersion } from '@tpm/performance-domain';
import { loadAppraisal, requireCycle } from './appraisal.readers';
import type { PerformanceReadModel } from './performance-read.model';
import { appraisalResponseStream, competencyStream, cycleStream, goalStream, peerFeedbackStream, scorecardStream } from './performance.streams';

/** Who reads an appraisal decides what 360 detail they may see. */
export type FeedbackView = 'full' | 'reviewee';

/**
 * The read side the write side serves itself (ADR 0025): what spans many aggregates (a cycle's
 * size, its distribution, what-if, the alignment tree) comes from the read model; one aggregate
 * (a goal, a scorecard, an appraisal with its response and 360) is folded from its own streams,
 * which is what the request returns, and only those can be read as of an instant (`asOf`).
 * Nothing here writes.
 */
export class AppraisalQueries {
  constructor(
    private readonly store: EventStore,
    private readonly reads: PerformanceReadModel,
  ) {}

  async goal(goalId: string, asOf?: string) {
    const { state, version } = await this.store.aggregate(goalStream(goalId), goalDecider, { asOf });
    if (state.status === 'new') throw new GoalNotFound(goalId);
    return { ...state, version, asOf: asOf ?? null };
  }

  async scorecard(employeeId: string, period: string, asOf?: string) {
    const { state, version } = await this.store.aggregate(scorecardStream(employeeId, period), scorecardDecider, { asOf });
    const evidence = await this.store.aggregate(competencyStream(employeeId), competencyEvidenceDecider, { asOf });
    const totalWeight = Math.round(state.objectives.reduce((n, o) => n + o.weight, 0) * 100) / 100;
    return { employeeId, period, objectives: state.objectives, totalWeight, competencyEvidence: evidence.state.evidence, version, asOf: asOf ?? null };
  }

  async cycle(cycleId: string, asOf?: string) {
    if (asOf === undefined) {
      const { version, ...cycle } = await requireCycle(this.reads, cycleId);
      return { ...cycle, version, asOf: null };
    }
    // As of an instant: the cycle's own stream up to then, counted as it goes (no participant map).
    const events = await this.store.readStream(cycleStream(cycleId), { asOf });
    const opened = events.find((e) => e.type === 'AppraisalCycleOpened');
    if (!opened) throw new AppraisalCycleNotFound(cycleId);
    let stage = 'planning';
    let participantCount = 0;
    for (const e of events as unknown as { type: AppraisalCycleEvent['type']; data: { to?: string; participants?: unknown[] } }[]) {
      if (e.type === 'AppraisalStageAdvanced') stage = e.data.to!;
      if (e.type === 'ParticipantsEnrolled') participantCount += e.data.participants!.length;
    }
    const { at: _at, ...settings } = opened.data as Extract<AppraisalCycleEvent, { type: 'AppraisalCycleOpened' }>['data'];
    return { ...settings, stage, participantCount, version: events.at(-1)!.streamVersion, asOf };
  }

  async appraisal(cycleId: string, employeeId: string, view: FeedbackView, asOf?: string) {
    const found = await this.reads.participant(cycleId, employeeId);
    if (!found) throw new AppraisalCycleNotFound(cycleId);
    if (found.businessUnitId === null) throw new AppraisalNotFound(cycleId, employeeId);
    const { cycle } = found;
    const { state, version } = await loadAppraisal(this.store, cycleId, employeeId, asOf);
    const response = await this.store.aggregate(appraisalResponseStream(cycleId, employeeId), appraisalResponseDecider, { asOf });
    const feedback = await this.store.aggregate(peerFeedbackStream(cycleId, employeeId), peerFeedbackDecider, { asOf });
    // The reviewee never learns who wrote what: names stay with HR and the manager, and anonymous feedback has none.
    const peerFeedback = feedback.state.entries.map(({ reviewerId, ...f }) => (view === 'full' ? { ...f, reviewerId } : f));
    const finalBand = response.state.resolution?.toBand ?? state.finalized?.ratingBand ?? null;
    // What the assessment implies before (and after) finalization: the gaps and the 9-box cell.
    const a = state.assessment;
    const rank = state.ratingBand ? rankOf(state.ratingBand, cycle.bands) : 0;
    const implied = a ? { competencyGaps: competencyGaps(a.competencies), nineBox: rank ? nineBox(rank, cycle.bands.length, a.potential) : null } : { competencyGaps: [], nineBox: null };
    return { cycleId, employeeId, ...state, ...implied, finalBand, response: response.state, peerFeedback, version, asOf: asOf ?? null };
  }

  /** Per business unit, how many appraisals sit in each band now: what the calibration committee compares. One grouped read. */
  async distribution(cycleId: string) {
    const cycle = await requireCycle(this.reads, cycleId);
    const units = new Map<string, Record<string, number>>();
    let unassessed = 0;
    for (const { businessUnitId, ratingBand, count } of await this.reads.bandCounts(cycleId)) {
      if (!ratingBand) {
        unassessed += count;
        continue;
      }
      const counts = units.get(businessUnitId) ?? Object.fromEntries(cycle.bands.map((b) => [b.name, 0]));
      counts[ratingBand] = (counts[ratingBand] ?? 0) + count;
      units.set(businessUnitId, counts);
    }
    const businessUnits = [...units.entries()]
      .map(([businessUnitId, bands]) => ({ businessUnitId, total: Object.values(bands).reduce((a, b) => a + b, 0), bands }))
      .sort((a, b) => a.businessUnitId.localeCompare(b.businessUnitId));
    return { cycleId, stage: cycle.stage, bands: cycle.bands.map((b) => b.name), businessUnits, unassessed };
  }

  /** Replays the cycle's recorded assessments under other weights, bands or rules; writes nothing. One row read per outcome. */
  async whatIf(cycleId: string, scenario: WhatIfScenario): Promise<{ cycleId: string; scenario: WhatIfScenario; outcomes: WhatIfOutcome[]; changedBands: number }> {
    if (scenario.bands) assertValidBands(scenario.bands as RatingBand[]);
    if (scenario.rulesVersion !== undefined && !isRulesVersion(scenario.rulesVersion)) throw new UnknownScoringRulesVersion(scenario.rulesVersion);
    const cycle = await requireCycle(this.reads, cycleId);
    const outcomes: WhatIfOutcome[] = [];
    // Bands alone: the score and band of each appraisal are enough, the objectives are not read.
    const rescore = changesScores(scenario);
    for (const a of await this.reads.appraisals(cycleId, { objectives: rescore })) {
      if (a.score === null) continue;
      if (!rescore) outcomes.push(rebandAppraisal(a.employeeId, { score: a.score, ratingBand: a.ratingBand }, cycle.bands, scenario.bands));
      else if (a.objectives) {
        const outcome = rescoreAppraisal(a.employeeId, { assessment: { objectives: a.objectives, score: a.score }, ratingBand: a.ratingBand }, cycle.bands, scenario);
        if (outcome) outcomes.push(outcome);
      }
    }
    // By code unit, not localeCompare: ids are ASCII, and a locale comparison of 10^4 ids costs more than the rescoring.
    outcomes.sort((a, b) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0));
    return { cycleId, scenario, outcomes, changedBands: outcomes.filter((o) => o.bandBefore !== o.bandAfter).length };
  }

  /** Goals of a period from the strategic ones down to employee objectives, with orphans apart: the period's rows only. */
  async alignment(period: string) {
    const { goals, objectives } = await this.reads.alignment(period);
    return { period, ...alignmentTree(goals, objectives) };
  }
}
