import { assertNever, type Decider } from '@tpm/kernel';
import { requireStage } from '../appraisal-cycle/appraisal-cycle.decider';
import type { AppraisalResponseCommand, ResponseFacts } from './appraisal-response.commands';
import {
  AmendmentNeedsBand,
  AppraisalAlreadyAcknowledged,
  AppraisalDisputeOpen,
  AppraisalNotFinalized,
  NoOpenDispute,
  OnlyTheEmployeeResponds,
  ResponseTextRequired,
} from './appraisal-response.errors';
import type { AppraisalResponseEvent } from './appraisal-response.events';

/** The employee's answer to a final appraisal, and HR's resolution of a dispute. */
export interface AppraisalResponse {
  status: 'awaiting' | 'acknowledged' | 'disputed' | 'resolved';
  dispute: { reason: string; at: string } | null;
  resolution: { resolution: 'upheld' | 'amended'; fromBand: string; toBand: string; note: string; resolvedBy: string; at: string } | null;
}

const requireFinal = (facts: ResponseFacts, cycleId: string, employeeId: string, action: string): string => {
  requireStage(cycleId, facts.stage, action, ['feedback']);
  if (!facts.finalBand) throw new AppraisalNotFinalized(employeeId);
  return facts.finalBand;
};

const decide = (cmd: AppraisalResponseCommand, s: AppraisalResponse): AppraisalResponseEvent[] => {
  const { cycleId, employeeId, facts, at } = cmd.data;
  switch (cmd.type) {
    case 'AcknowledgeAppraisal': {
      requireFinal(facts, cycleId, employeeId, 'Acknowledging');
      if (cmd.data.by !== employeeId) throw new OnlyTheEmployeeResponds(employeeId, cmd.data.by);
      if (s.status === 'acknowledged') return [];
      if (s.status === 'disputed') throw new AppraisalDisputeOpen(employeeId);
      return [{ type: 'AppraisalAcknowledged', data: { cycleId, employeeId, at } }];
    }
    case 'DisputeAppraisal': {
      requireFinal(facts, cycleId, employeeId, 'Disputing');
      const { by, reason } = cmd.data;
      if (by !== employeeId) throw new OnlyTheEmployeeResponds(employeeId, by);
      if (!reason.trim()) throw new ResponseTextRequired('reason');
      if (s.status === 'acknowledged') throw new AppraisalAlreadyAcknowledged(employeeId);
      if (s.status === 'disputed' && s.dispute?.reason === reason) return [];
      if (s.status === 'disputed') throw new AppraisalDisputeOpen(employeeId);
      return [{ type: 'AppraisalDisputed', data: { cycleId, employeeId, reason, at } }];
    }
    case 'ResolveAppraisalDispute': {
      const finalBand = requireFinal(facts, cycleId, employeeId, 'Resolving a dispute');
      const { resolution, toBand, note, resolvedBy } = cmd.data;
      if (s.status !== 'disputed') throw new NoOpenDispute(employeeId);
      if (!note.trim()) throw new ResponseTextRequired('note');
      if (resolution === 'amended' && (!toBand || !facts.bands.includes(toBand))) throw new AmendmentNeedsBand(toBand, facts.bands);
      const after = resolution === 'amended' ? toBand! : finalBand;
      return [{ type: 'AppraisalDisputeResolved', data: { cycleId, employeeId, resolution, fromBand: finalBand, toBand: after, note, resolvedBy, at } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: AppraisalResponse, e: AppraisalResponseEvent): AppraisalResponse => {
  switch (e.type) {
    case 'AppraisalAcknowledged':
      return { ...s, status: 'acknowledged' };
    case 'AppraisalDisputed':
      return { ...s, status: 'disputed', dispute: { reason: e.data.reason, at: e.data.at } };
    case 'AppraisalDisputeResolved': {
      const { cycleId: _c, employeeId: _e, ...resolution } = e.data;
      return { ...s, status: 'resolved', resolution };
    }
    default:
      return assertNever(e);
  }
};

export const appraisalResponseDecider: Decider<AppraisalResponseCommand, AppraisalResponseEvent, AppraisalResponse> = {
  decide,
  evolve,
  initialState: (): AppraisalResponse => ({ status: 'awaiting', dispute: null, resolution: null }),
};
