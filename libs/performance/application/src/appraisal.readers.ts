import type { EventStore } from '@tpm/event-store';
import {
  AppraisalCycleNotFound,
  appraisalCycleDecider,
  appraisalDecider,
  EmployeeNotOnboarded,
  EmployeeWasOffboarded,
  goalDecider,
  NotACycleParticipant,
  scorecardDecider,
  type ActiveEmployee,
  type CycleFacts,
  type OpenCycle,
  type ParentGoal,
  type ScorecardSnapshot,
} from '@tpm/performance-domain';
import { loadEmployee } from './employee.reader';
import { appraisalStream, cycleStream, goalStream, scorecardStream } from './performance.streams';

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

export const requireCycle = async (store: EventStore, cycleId: string): Promise<{ cycle: OpenCycle; version: number }> => {
  const { state, version } = await store.aggregate(cycleStream(cycleId), appraisalCycleDecider);
  if (state.status === 'new') throw new AppraisalCycleNotFound(cycleId);
  return { cycle: state, version };
};

/** The cycle's stage and settings for an appraisal command, once the employee is known to take part. */
export const cycleFactsFor = async (store: EventStore, cycleId: string, employeeId: string): Promise<{ cycle: OpenCycle; facts: CycleFacts }> => {
  const { cycle } = await requireCycle(store, cycleId);
  if (!(employeeId in cycle.participants)) throw new NotACycleParticipant(cycleId, employeeId);
  return { cycle, facts: { stage: cycle.stage, period: cycle.period, bands: cycle.bands, rulesVersion: cycle.rulesVersion } };
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
