import { assertNever, type Decider } from '@tpm/kernel';

export interface Award {
  awardId: string;
  employeeId: string;
  businessUnitId: string;
  policyId: string | null;
  points: number;
  source: 'training' | 'manager';
  sourceRef: string | null;
  at: string;
}

export type RecognitionEvent = { type: 'RecognitionAwarded'; data: Award };
export type RecognitionCommand = { type: 'AwardRecognition'; data: Award };
export interface RecognitionState {
  awards: Award[];
  points: number;
}

const decide = (cmd: RecognitionCommand, s: RecognitionState): RecognitionEvent[] => {
  switch (cmd.type) {
    case 'AwardRecognition': {
      const d = cmd.data;
      // One award per source (a completed session), and none worth nothing.
      if (d.points <= 0 || s.awards.some((a) => a.awardId === d.awardId || (d.sourceRef !== null && a.source === d.source && a.sourceRef === d.sourceRef))) return [];
      return [{ type: 'RecognitionAwarded', data: d }];
    }
    default:
      return assertNever(cmd.type);
  }
};

const evolve = (s: RecognitionState, e: RecognitionEvent): RecognitionState =>
  e.type === 'RecognitionAwarded' ? { awards: [...s.awards, e.data], points: s.points + e.data.points } : s;

export const recognitionDecider: Decider<RecognitionCommand, RecognitionEvent, RecognitionState> = { decide, evolve, initialState: () => ({ awards: [], points: 0 }) };
