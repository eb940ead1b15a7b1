import { assertNever, type Decider } from '@tpm/kernel';
import { assertValidBands, type RatingBand } from '../scoring/rating-bands';
import { isRulesVersion } from '../scoring/score-indicator';
import { UnknownScoringRulesVersion } from '../scoring/scoring.errors';
import type { AppraisalCycleCommand } from './appraisal-cycle.commands';
import {
  AppraisalCycleAlreadyOpened,
  AppraisalCycleClosedError,
  AppraisalCycleNotFound,
  StageCannotBeSkipped,
  StageCannotGoBack,
  WrongCycleStage,
} from './appraisal-cycle.errors';
import { CYCLE_STAGES, type AppraisalCycleEvent, type CycleStage } from './appraisal-cycle.events';

export type AppraisalCycle =
  | { status: 'new' }
  | {
      status: 'open';
      cycleId: string;
      period: string;
      businessUnitId: string | null;
      bands: RatingBand[];
      rulesVersion: number;
      stage: CycleStage;
      /**
       * How many are enrolled. Who they are lives in the cycle's read model, not here: a state
       * holding 10^5 participants made every fold and every chunk's evolve O(N) (ADR 0025).
       */
      participantCount: number;
    };
export type OpenCycle = Extract<AppraisalCycle, { status: 'open' }>;

const stageIndex = (s: CycleStage) => CYCLE_STAGES.indexOf(s);

/** The stage gate every other aggregate of the cycle applies: what the stage allows, and nothing once closed. */
export const requireStage = (cycleId: string, stage: CycleStage, action: string, allowed: CycleStage[]): void => {
  if (stage === 'closed') throw new AppraisalCycleClosedError(cycleId);
  if (!allowed.includes(stage)) throw new WrongCycleStage(action, stage, allowed);
};

const requireOpen = (s: AppraisalCycle, cycleId: string): OpenCycle => {
  if (s.status === 'new') throw new AppraisalCycleNotFound(cycleId);
  return s;
};

const decide = (cmd: AppraisalCycleCommand, s: AppraisalCycle): AppraisalCycleEvent[] => {
  switch (cmd.type) {
    case 'OpenAppraisalCycle': {
      const d = cmd.data;
      assertValidBands(d.bands);
      if (!isRulesVersion(d.rulesVersion)) throw new UnknownScoringRulesVersion(d.rulesVersion);
      if (s.status === 'open') {
        const same = s.period === d.period && s.businessUnitId === d.businessUnitId && s.rulesVersion === d.rulesVersion;
        if (same && JSON.stringify(s.bands) === JSON.stringify(d.bands)) return [];
        throw new AppraisalCycleAlreadyOpened(d.cycleId);
      }
      return [{ type: 'AppraisalCycleOpened', data: d }];
    }
    case 'EnrolParticipants': {
      const c = requireOpen(s, cmd.data.cycleId);
      // Joiners are welcome until assessments start; later they would skip half the cycle.
      requireStage(c.cycleId, c.stage, 'Enrolling participants', ['planning', 'execution']);
      const { alreadyEnrolled, ...data } = cmd.data;
      const known = new Set(alreadyEnrolled);
      const fresh = data.participants.filter((p) => !known.has(p.employeeId) && (known.add(p.employeeId), true));
      return fresh.length ? [{ type: 'ParticipantsEnrolled', data: { ...data, participants: fresh } }] : [];
    }
    case 'AdvanceAppraisalStage': {
      const { cycleId, to, at } = cmd.data;
      const c = requireOpen(s, cycleId);
      // A retried "advance to review" finds the cycle in review already: nothing new.
      if (c.stage === to) return [];
      if (c.stage === 'closed') throw new AppraisalCycleClosedError(cycleId);
      if (stageIndex(to) < stageIndex(c.stage)) throw new StageCannotGoBack(c.stage, to);
      const next = CYCLE_STAGES[stageIndex(c.stage) + 1];
      if (to !== next) throw new StageCannotBeSkipped(c.stage, to, next);
      const advanced: AppraisalCycleEvent = { type: 'AppraisalStageAdvanced', data: { cycleId, from: c.stage, to, at } };
      return to === 'closed' ? [advanced, { type: 'AppraisalCycleClosed', data: { cycleId, period: c.period, at } }] : [advanced];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: AppraisalCycle, e: AppraisalCycleEvent): AppraisalCycle => {
  switch (e.type) {
    case 'AppraisalCycleOpened': {
      const { at: _at, ...d } = e.data;
      return { status: 'open', ...d, stage: 'planning', participantCount: 0 };
    }
    case 'ParticipantsEnrolled':
      if (s.status === 'new') return s;
      // O(1) per chunk: the decider only ever enrolled employees not enrolled before.
      return { ...s, participantCount: s.participantCount + e.data.participants.length };
    case 'AppraisalStageAdvanced':
      return s.status === 'new' ? s : { ...s, stage: e.data.to };
    case 'AppraisalCycleClosed':
      return s;
    default:
      return assertNever(e);
  }
};

export const appraisalCycleDecider: Decider<AppraisalCycleCommand, AppraisalCycleEvent, AppraisalCycle> = {
  decide,
  evolve,
  initialState: (): AppraisalCycle => ({ status: 'new' }),
};
