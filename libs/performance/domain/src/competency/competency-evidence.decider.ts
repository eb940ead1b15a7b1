import { assertNever, type Decider } from '@tpm/kernel';
import type { CompetencyEvidenceCommand, CompetencyEvidenceEvent, CompetencyEvidenceRecorded } from './competency-evidence.events';

/** An employee's competency evidence across periods: what appraisals weigh against the gaps. */
export interface CompetencyEvidence {
  evidence: CompetencyEvidenceRecorded['data'][];
}

const decide = (cmd: CompetencyEvidenceCommand, s: CompetencyEvidence): CompetencyEvidenceEvent[] => {
  switch (cmd.type) {
    case 'RecordCompetencyEvidence': {
      const { programId, sessionId } = cmd.data;
      // One completion of one session is one piece of evidence, however often it is reported.
      if (s.evidence.some((e) => e.programId === programId && e.sessionId === sessionId)) return [];
      // A program that trains no named competency proves nothing here.
      if (cmd.data.competencies.length === 0) return [];
      return [{ type: 'CompetencyEvidenceRecorded', data: cmd.data }];
    }
    default:
      return assertNever(cmd.type);
  }
};

const evolve = (s: CompetencyEvidence, e: CompetencyEvidenceEvent): CompetencyEvidence => {
  switch (e.type) {
    case 'CompetencyEvidenceRecorded':
      return { evidence: [...s.evidence, e.data] };
    default:
      return assertNever(e.type);
  }
};

export const competencyEvidenceDecider: Decider<CompetencyEvidenceCommand, CompetencyEvidenceEvent, CompetencyEvidence> = {
  decide,
  evolve,
  initialState: () => ({ evidence: [] }),
};
