import { assertNever, type Decider } from '@tpm/kernel';
import { CYCLE_STAGES, type CycleStage } from '../appraisal-cycle/appraisal-cycle.events';
import { ParentGoalNotFound } from '../goals/goal.errors';
import type { ScoringMethod } from '../scoring/scoring-method';
import { assertValidMethod } from '../scoring/scoring-method';
import type { ScorecardCommand } from './scorecard.commands';
import {
  GoalOfAnotherPeriod,
  IndicatorAlreadyDefined,
  ObjectiveAlreadyAssigned,
  ObjectiveNotFound,
  ObjectiveOutsideGoalUnit,
  ObjectiveTitleRequired,
  ObjectiveWeightOutOfRange,
  ProgressOutsidePeriod,
  ScorecardFrozen,
  WeightsExceed100,
  WeightsMustCoverEveryObjective,
  WeightsMustSumTo100,
} from './scorecard.errors';
import type { ScorecardEvent } from './scorecard.events';

export interface Indicator {
  indicatorId: string;
  name: string;
  target: number;
  unit: string;
  method: ScoringMethod;
}
export interface Objective {
  objectiveId: string;
  title: string;
  weight: number;
  parentGoalId: string | null;
  indicators: Indicator[];
  /** Latest report per month. */
  progress: Record<string, { actual: number; comment: string; reportedBy: string; at: string }>;
}
/** One employee's scorecard for one period; plain records so that as-of reads serialize as they are. */
export interface Scorecard {
  employeeId: string | null;
  period: string | null;
  objectives: Objective[];
}

export const totalWeight = (s: Pick<Scorecard, 'objectives'>) => s.objectives.reduce((n, o) => n + o.weight, 0);
const round2 = (n: number) => Math.round(n * 100) / 100;
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const requireObjective = (s: Scorecard, objectiveId: string) => {
  const o = s.objectives.find((x) => x.objectiveId === objectiveId);
  if (!o) throw new ObjectiveNotFound(objectiveId);
  return o;
};
const checkWeight = (objectiveId: string, weight: number) => {
  if (!(weight > 0 && weight <= 100)) throw new ObjectiveWeightOutOfRange(objectiveId, weight);
};

type Facts = { employeeId: string; period: string; cycleStage: CycleStage | null };
/** Review assesses the scorecard as it stands: from then on what it measures and how it weighs stay put. */
const requireEditable = ({ employeeId, period, cycleStage }: Facts) => {
  if (cycleStage !== null && CYCLE_STAGES.indexOf(cycleStage) >= CYCLE_STAGES.indexOf('review')) throw new ScorecardFrozen(employeeId, period, cycleStage);
};

const decide = (cmd: ScorecardCommand, s: Scorecard): ScorecardEvent[] => {
  switch (cmd.type) {
    case 'AssignObjective': {
      const { parentGoal, employeeWithinGoalUnit, cycleStage: _stage, ...d } = cmd.data;
      requireEditable(cmd.data);
      if (!d.title.trim()) throw new ObjectiveTitleRequired(d.objectiveId);
      checkWeight(d.objectiveId, d.weight);
      if (parentGoal && (!parentGoal.exists || parentGoal.period === null)) throw new ParentGoalNotFound(parentGoal.goalId);
      if (parentGoal && parentGoal.period !== d.period) throw new GoalOfAnotherPeriod(parentGoal.goalId, parentGoal.period!, d.period);
      if (parentGoal?.businessUnitId && !employeeWithinGoalUnit) throw new ObjectiveOutsideGoalUnit(d.objectiveId, d.employeeId, parentGoal.goalId, parentGoal.businessUnitId);
      const parentGoalId = parentGoal?.goalId ?? null;
      const existing = s.objectives.find((o) => o.objectiveId === d.objectiveId);
      if (existing) {
        if (existing.title === d.title && existing.weight === d.weight && existing.parentGoalId === parentGoalId) return [];
        throw new ObjectiveAlreadyAssigned(d.objectiveId);
      }
      const total = round2(totalWeight(s) + d.weight);
      if (total > 100) throw new WeightsExceed100(total);
      return [{ type: 'ObjectiveAssigned', data: { ...d, parentGoalId } }];
    }
    case 'DefineIndicator': {
      const { cycleStage: _stage, ...d } = cmd.data;
      requireEditable(cmd.data);
      requireObjective(s, d.objectiveId);
      assertValidMethod(d.method, d.target);
      const owner = s.objectives.find((o) => o.indicators.some((i) => i.indicatorId === d.indicatorId));
      const existing = owner?.indicators.find((i) => i.indicatorId === d.indicatorId);
      if (owner && existing) {
        const same = owner.objectiveId === d.objectiveId && existing.name === d.name && existing.target === d.target && existing.unit === d.unit;
        if (same && sameJson(existing.method, d.method)) return [];
        throw new IndicatorAlreadyDefined(d.indicatorId);
      }
      return [{ type: 'IndicatorDefined', data: d }];
    }
    case 'AdjustObjectiveWeights': {
      const { cycleStage: _stage, ...d } = cmd.data;
      requireEditable(cmd.data);
      const { weights } = d;
      const named = weights.map((w) => w.objectiveId);
      const missing = s.objectives.map((o) => o.objectiveId).filter((id) => !named.includes(id));
      const unknown = named.filter((id, i) => !s.objectives.some((o) => o.objectiveId === id) || named.indexOf(id) !== i);
      if (missing.length || unknown.length) throw new WeightsMustCoverEveryObjective(missing, unknown);
      for (const w of weights) checkWeight(w.objectiveId, w.weight);
      const total = round2(weights.reduce((n, w) => n + w.weight, 0));
      if (total !== 100) throw new WeightsMustSumTo100(total);
      if (weights.every((w) => requireObjective(s, w.objectiveId).weight === w.weight)) return [];
      return [{ type: 'ObjectiveWeightsAdjusted', data: d }];
    }
    case 'ReportProgress': {
      const { cycleStage, ...d } = cmd.data;
      // Progress keeps being reported through review and feedback; a closed cycle accepts nothing.
      if (cycleStage === 'closed') throw new ScorecardFrozen(d.employeeId, d.period, cycleStage);
      const o = requireObjective(s, d.objectiveId);
      if (d.month.slice(0, 4) !== d.period.slice(0, 4)) throw new ProgressOutsidePeriod(d.month, d.period);
      const last = o.progress[d.month];
      if (last && last.actual === d.actual && last.comment === d.comment) return [];
      return [{ type: 'ProgressReported', data: d }];
    }
    default:
      return assertNever(cmd);
  }
};

const withObjective = (s: Scorecard, objectiveId: string, change: (o: Objective) => Objective): Scorecard => ({
  ...s,
  objectives: s.objectives.map((o) => (o.objectiveId === objectiveId ? change(o) : o)),
});

const evolve = (s: Scorecard, e: ScorecardEvent): Scorecard => {
  switch (e.type) {
    case 'ObjectiveAssigned': {
      const { employeeId, period, objectiveId, title, weight, parentGoalId } = e.data;
      return { employeeId, period, objectives: [...s.objectives, { objectiveId, title, weight, parentGoalId, indicators: [], progress: {} }] };
    }
    case 'IndicatorDefined': {
      const { indicatorId, name, target, unit, method } = e.data;
      return withObjective(s, e.data.objectiveId, (o) => ({ ...o, indicators: [...o.indicators, { indicatorId, name, target, unit, method }] }));
    }
    case 'ObjectiveWeightsAdjusted': {
      const weights = new Map(e.data.weights.map((w) => [w.objectiveId, w.weight]));
      return { ...s, objectives: s.objectives.map((o) => ({ ...o, weight: weights.get(o.objectiveId) ?? o.weight })) };
    }
    case 'ProgressReported': {
      const { month, actual, comment, reportedBy, at } = e.data;
      return withObjective(s, e.data.objectiveId, (o) => ({ ...o, progress: { ...o.progress, [month]: { actual, comment, reportedBy, at } } }));
    }
    default:
      return assertNever(e);
  }
};

export const scorecardDecider: Decider<ScorecardCommand, ScorecardEvent, Scorecard> = {
  decide,
  evolve,
  initialState: (): Scorecard => ({ employeeId: null, period: null, objectives: [] }),
};
