import type { EventStore } from '@tpm/event-store';
import {
  alignmentTree,
  competencyGaps,
  nineBox,
  rankOf,
  AppraisalCycleNotFound,
  AppraisalNotFound,
  appraisalCycleDecider,
  appraisalResponseDecider,
  competencyEvidenceDecider,
  goalDecider,
  GoalNotFound,
  peerFeedbackDecider,
  rescoreAppraisal,
  scorecardDecider,
  type AlignedObjective,
  type GoalRecord,
  type RatingBand,
  type WhatIfOutcome,
  type WhatIfScenario,
} from '@tpm/performance-domain';
import { assertValidBands, isRulesVersion, UnknownScoringRulesVersion } from '@tpm/performance-domain';
import { loadAppraisal, requireCycle } from './appraisal.readers';
import { forEachBounded } from './bounded-concurrency';
import { appraisalResponseStream, competencyStream, cycleStream, goalStream, peerFeedbackStream, scorecardStream } from './performance.streams';

const PAGE = 5000;

/** Who reads an appraisal decides what 360 detail they may see. */
export type FeedbackView = 'full' | 'reviewee';

/**
 * The read side the write side serves itself: any aggregate as of any instant (`asOf` folds only
 * what was recorded by then), the committee's rating distribution, and what-if re-scoring.
 * Nothing here writes.
 */
export class AppraisalQueries {
  constructor(private readonly store: EventStore) {}

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
    const { state, version } = await this.store.aggregate(cycleStream(cycleId), appraisalCycleDecider, { asOf });
    if (state.status === 'new') throw new AppraisalCycleNotFound(cycleId);
    const { status: _s, participants, ...rest } = state;
    return { ...rest, participantCount: Object.keys(participants).length, version, asOf: asOf ?? null };
  }

  async appraisal(cycleId: string, employeeId: string, view: FeedbackView, asOf?: string) {
    const { cycle } = await requireCycle(this.store, cycleId);
    if (!(employeeId in cycle.participants)) throw new AppraisalNotFound(cycleId, employeeId);
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

  /** Per business unit, how many appraisals sit in each band now: what the calibration committee compares. */
  async distribution(cycleId: string) {
    const { cycle } = await requireCycle(this.store, cycleId);
    const units = new Map<string, Record<string, number>>();
    let unassessed = 0;
    await forEachBounded(Object.entries(cycle.participants), 16, async ([employeeId, businessUnitId]) => {
      const { state } = await loadAppraisal(this.store, cycleId, employeeId);
      if (!state.ratingBand) return void unassessed++;
      const counts = units.get(businessUnitId) ?? Object.fromEntries(cycle.bands.map((b) => [b.name, 0]));
      counts[state.ratingBand] = (counts[state.ratingBand] ?? 0) + 1;
      units.set(businessUnitId, counts);
    });
    const businessUnits = [...units.entries()]
      .map(([businessUnitId, bands]) => ({ businessUnitId, total: Object.values(bands).reduce((a, b) => a + b, 0), bands }))
      .sort((a, b) => a.businessUnitId.localeCompare(b.businessUnitId));
    return { cycleId, stage: cycle.stage, bands: cycle.bands.map((b) => b.name), businessUnits, unassessed };
  }

  /** Replays the cycle's recorded assessments under other weights, bands or rules; writes nothing. */
  async whatIf(cycleId: string, scenario: WhatIfScenario): Promise<{ cycleId: string; scenario: WhatIfScenario; outcomes: WhatIfOutcome[]; changedBands: number }> {
    if (scenario.bands) assertValidBands(scenario.bands as RatingBand[]);
    if (scenario.rulesVersion !== undefined && !isRulesVersion(scenario.rulesVersion)) throw new UnknownScoringRulesVersion(scenario.rulesVersion);
    const { cycle } = await requireCycle(this.store, cycleId);
    const outcomes: WhatIfOutcome[] = [];
    await forEachBounded(Object.keys(cycle.participants), 16, async (employeeId) => {
      const { state } = await loadAppraisal(this.store, cycleId, employeeId);
      const outcome = rescoreAppraisal(employeeId, state, cycle.bands, scenario);
      if (outcome) outcomes.push(outcome);
    });
    outcomes.sort((a, b) => a.employeeId.localeCompare(b.employeeId));
    return { cycleId, scenario, outcomes, changedBands: outcomes.filter((o) => o.bandBefore !== o.bandAfter).length };
  }

  /** Goals of a period from the strategic ones down to employee objectives, with orphans apart. */
  async alignment(period: string) {
    const goals: GoalRecord[] = [];
    const objectives = new Map<string, AlignedObjective>();
    let after: string | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, limit: PAGE, horizon: 'committed', types: ['StrategicGoalSet', 'GoalCascaded', 'ObjectiveAssigned'] });
      for (const e of page.events) {
        const d = e.data as { period: string; goalId: string; title: string; parentGoalId?: string | null; businessUnitId?: string; objectiveId?: string; employeeId?: string };
        if (d.period !== period) continue;
        if (e.type === 'ObjectiveAssigned') objectives.set(`${d.employeeId}/${d.objectiveId}`, { objectiveId: d.objectiveId!, employeeId: d.employeeId!, title: d.title, parentGoalId: d.parentGoalId ?? null });
        else goals.push({ goalId: d.goalId, title: d.title, parentGoalId: d.parentGoalId ?? null, businessUnitId: d.businessUnitId ?? null });
      }
      // A filtered page shorter than the limit has reached the safe end of the log.
      if (page.events.length < PAGE) break;
      after = page.next;
    }
    return { period, ...alignmentTree(goals, [...objectives.values()]) };
  }
}
