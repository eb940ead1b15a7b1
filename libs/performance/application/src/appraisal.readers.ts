import type { EventStore } from '@tpm/event-store';
import {
  AppraisalCycleNotFound,
  appraisalDecider,
  EmployeeNotOnboarded,
  EmployeeWasOffboarded,
  goalDecider,
  NotACycleParticipant,
  scorecardDecider,
  type ActiveEmployee,
  type CycleFacts,
  type ParentGoal,
  type ScorecardSnapshot,
} from '@tpm/performance-domain';
import { loadEmployee } from './employee.reader';
import type { CycleRecord, PerformanceReadModel } from './performance-read.model';
import { appraisalStream, goalStream, scorecardStream } from './performance.streams';

/** The parent goal as another aggregate knows it: the decider rules on it. */
export const readParentGoal = async (store: EventStore, goalId: string): Promise<ParentGoal> => {
  const { state } = await store.aggregate(goalStream(goalId), goalDecider);
  if (state.status !== 'set') return { goalId, exists: false, period: null, businessUnitId: null };
  return { goalId, exists: true, period: state.period, businessUnitId: state.businessUnitId };
};

export const requireActiveEmployee = async (store: EventStore, employeeId: string): Promise<ActiveEmployee> => {
  const { state } = await loadEmployee(store, employeeId);
  if (state.status === 'new') throw new EmployeeNotOnboarded(employeeId);
  // An erased person left before they were erased.
  if (state.status === 'offboarded' || state.status === 'erased') throw new EmployeeWasOffboarded(employeeId);
  return state;
};

/** The cycle at its latest committed version, from its read model (never a fold of its participants). */
export const requireCycle = async (reads: PerformanceReadModel, cycleId: string): Promise<CycleRecord> => {
  const cycle = await reads.cycle(cycleId);
  if (!cycle) throw new AppraisalCycleNotFound(cycleId);
  return cycle;
};

export const factsOf = (cycle: CycleRecord): CycleFacts => ({ stage: cycle.stage, period: cycle.period, bands: cycle.bands, rulesVersion: cycle.rulesVersion });

/**
 * The cycle's stage and settings for an appraisal command, once the employee is known to take
 * part, and the unit they were enrolled under (which files the command's events). O(1) in the
 * cycle's size: one row of each, read at the cycle stream's latest committed version.
 */
export const cycleFactsFor = async (reads: PerformanceReadModel, cycleId: string, employeeId: string): Promise<{ cycle: CycleRecord; facts: CycleFacts; businessUnitId: string }> => {
  const found = await reads.participant(cycleId, employeeId);
  if (!found) throw new AppraisalCycleNotFound(cycleId);
  if (found.businessUnitId === null) throw new NotACycleParticipant(cycleId, employeeId);
  return { cycle: found.cycle, facts: factsOf(found.cycle), businessUnitId: found.businessUnitId };
};

/** The scorecard as it stands, reduced to what scoring needs. */
export const scorecardSnapshot = async (store: EventStore, employeeId: string, period: string): Promise<ScorecardSnapshot> => {
  const { state } = await store.aggregate(scorecardStream(employeeId, period), scorecardDecider);
  return {
    objectives: state.objectives.map((o) => ({
      objectiveId: o.objectiveId,
      weight: o.weight,
      indicators: o.indicators.map(({ indicatorId, target, unit, method }) => ({ indicatorId, target, unit, method })),
    })),
  };
};

export const loadAppraisal = (store: EventStore, cycleId: string, employeeId: string, asOf?: string) =>
  store.aggregate(appraisalStream(cycleId, employeeId), appraisalDecider, { asOf });
