import { assertNever, type Decider } from '@tpm/kernel';

export type RecommendationKind = 'promotion' | 'transfer' | 'demotion-review';
export type RecommendationReason = 'band-sustained' | 'high-potential-low-band' | 'missed-goals' | 'failed-improvement-plan';

export interface CycleResult {
  appraisalId: string;
  cycleId: string;
  bandRank: number;
  potential: 'low' | 'medium' | 'high' | null;
  goalsMissed: boolean;
  finalizedAt: string;
}

/** The parts of the policy in force that decide recommendations. */
export interface RecommendationRules {
  promotion: { minRank: number; consecutiveCycles: number };
  transfer: { maxRank: number } | null;
  demotionReviewOnMissedGoals: boolean;
}

export interface Recommendation {
  recommendationId: string;
  employeeId: string;
  businessUnitId: string;
  kind: RecommendationKind;
  reason: RecommendationReason;
  appraisalIds: string[] | null;
  planId: string | null;
  at: string;
}

export type CareerEvent =
  | { type: 'CycleResultRecorded'; data: CycleResult & { employeeId: string; businessUnitId: string; at: string } }
  | { type: 'PlanOutcomeNoted'; data: { employeeId: string; businessUnitId: string; planId: string; appraisalId: string | null; outcome: 'succeeded' | 'failed' | 'offboarded'; closedAt: string; at: string } }
  | { type: 'RecommendationMade'; data: Recommendation };

export type CareerCommand =
  | { type: 'RecordCycleResult'; data: CycleResult & { employeeId: string; businessUnitId: string; rules: RecommendationRules; ids: Record<RecommendationKind, string>; at: string } }
  | { type: 'NotePlanClosed'; data: { employeeId: string; businessUnitId: string; planId: string; appraisalId: string | null; outcome: 'succeeded' | 'failed' | 'offboarded'; closedAt: string; recommendationId: string; at: string } };

export interface CareerState {
  results: CycleResult[];
  plans: { planId: string; outcome: string; closedAt: string }[];
  recommendations: Recommendation[];
}

/** The results since the last promotion recommendation, newest last, one per cycle. */
const sinceLastPromotion = (s: CareerState): CycleResult[] => {
  const last = [...s.recommendations].reverse().find((r) => r.kind === 'promotion');
  const counted = new Set(last?.appraisalIds ?? []);
  const lastIndex = last ? Math.max(...s.results.map((r, i) => (counted.has(r.appraisalId) ? i : -1))) : -1;
  return s.results.slice(lastIndex + 1);
};

const decide = (cmd: CareerCommand, s: CareerState): CareerEvent[] => {
  switch (cmd.type) {
    case 'RecordCycleResult': {
      const { rules, ids, employeeId, businessUnitId, at, ...result } = cmd.data;
      // One result per appraisal and per cycle: a redelivered appraisal recommends nothing twice.
      if (s.results.some((r) => r.appraisalId === result.appraisalId || r.cycleId === result.cycleId)) return [];
      const out: CareerEvent[] = [{ type: 'CycleResultRecorded', data: { ...result, employeeId, businessUnitId, at } }];
      const recommend = (kind: RecommendationKind, reason: RecommendationReason, appraisalIds: string[]) =>
        out.push({ type: 'RecommendationMade', data: { recommendationId: ids[kind], employeeId, businessUnitId, kind, reason, appraisalIds, planId: null, at } });
      const streak = [...sinceLastPromotion(s), result].slice(-rules.promotion.consecutiveCycles);
      if (streak.length === rules.promotion.consecutiveCycles && streak.every((r) => r.bandRank >= rules.promotion.minRank)) {
        recommend('promotion', 'band-sustained', streak.map((r) => r.appraisalId));
      }
      if (rules.transfer && result.potential === 'high' && result.bandRank <= rules.transfer.maxRank) recommend('transfer', 'high-potential-low-band', [result.appraisalId]);
      if (rules.demotionReviewOnMissedGoals && result.goalsMissed) recommend('demotion-review', 'missed-goals', [result.appraisalId]);
      return out;
    }
    case 'NotePlanClosed': {
      const d = cmd.data;
      if (s.plans.some((p) => p.planId === d.planId)) return [];
      const noted: CareerEvent = { type: 'PlanOutcomeNoted', data: { employeeId: d.employeeId, businessUnitId: d.businessUnitId, planId: d.planId, appraisalId: d.appraisalId, outcome: d.outcome, closedAt: d.closedAt, at: d.at } };
      if (d.outcome !== 'failed') return [noted];
      return [
        noted,
        {
          type: 'RecommendationMade',
          data: { recommendationId: d.recommendationId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, kind: 'demotion-review', reason: 'failed-improvement-plan', appraisalIds: d.appraisalId ? [d.appraisalId] : null, planId: d.planId, at: d.at },
        },
      ];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: CareerState, e: CareerEvent): CareerState => {
  switch (e.type) {
    case 'CycleResultRecorded': {
      const { employeeId: _e, businessUnitId: _b, at: _a, ...r } = e.data;
      return { ...s, results: [...s.results, r].sort((a, b) => a.finalizedAt.localeCompare(b.finalizedAt)) };
    }
    case 'PlanOutcomeNoted':
      return { ...s, plans: [...s.plans, { planId: e.data.planId, outcome: e.data.outcome, closedAt: e.data.closedAt }] };
    case 'RecommendationMade':
      return { ...s, recommendations: [...s.recommendations, e.data] };
    default:
      return s;
  }
};

/** Whether a plan of the employee failed within these dates: the eligibility rule asks it. */
export const failedPlanWithin = (s: CareerState, start: string, end: string): boolean =>
  s.plans.some((p) => p.outcome === 'failed' && p.closedAt.slice(0, 10) >= start && p.closedAt.slice(0, 10) <= end);

export const careerDecider: Decider<CareerCommand, CareerEvent, CareerState> = { decide, evolve, initialState: () => ({ results: [], plans: [], recommendations: [] }) };
