import { assertNever, type Decider } from '@tpm/kernel';
import { INCENTIVE_EFFECT_FUNCTIONS, INCENTIVE_EFFECT_VERSION, type IncentiveEffect, type IncentiveEffectInputs } from './incentive-effect';

/** One measurement stream per policy, unit and cycle: each measurement with its inputs and function version. */
export type EffectEvent = {
  type: 'IncentiveEffectMeasured';
  data: { policyId: string; businessUnitId: string; cycleId: string; inputs: IncentiveEffectInputs; result: IncentiveEffect; at: string };
};
export type EffectCommand = { type: 'MeasureIncentiveEffect'; data: { policyId: string; businessUnitId: string; cycleId: string; inputs: IncentiveEffectInputs; at: string } };
export interface EffectState {
  measurements: EffectEvent['data'][];
}

const decide = (cmd: EffectCommand, s: EffectState): EffectEvent[] => {
  switch (cmd.type) {
    case 'MeasureIncentiveEffect': {
      const last = s.measurements[s.measurements.length - 1];
      // Nothing changed since the last measurement: no new fact.
      if (last && last.result.functionVersion === INCENTIVE_EFFECT_VERSION && (Object.keys(cmd.data.inputs) as (keyof typeof cmd.data.inputs)[]).every((k) => last.inputs[k] === cmd.data.inputs[k])) return [];
      return [{ type: 'IncentiveEffectMeasured', data: { ...cmd.data, result: INCENTIVE_EFFECT_FUNCTIONS[INCENTIVE_EFFECT_VERSION](cmd.data.inputs) } }];
    }
    default:
      return assertNever(cmd.type);
  }
};

const evolve = (s: EffectState, e: EffectEvent): EffectState => (e.type === 'IncentiveEffectMeasured' ? { measurements: [...s.measurements, e.data] } : s);

export const effectDecider: Decider<EffectCommand, EffectEvent, EffectState> = { decide, evolve, initialState: () => ({ measurements: [] }) };
