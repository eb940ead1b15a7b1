import type { Message } from '@tpm/kernel';

/** Proof that an employee trained a competency, recorded from training's TrainingCompleted. */
export type CompetencyEvidenceRecorded = Message<
  'CompetencyEvidenceRecorded',
  { employeeId: string; competencies: string[]; programId: string; programVersion: number; sessionId: string; examScore: number | null; completedAt: string; at: string }
>;
export type CompetencyEvidenceEvent = CompetencyEvidenceRecorded;
export type RecordCompetencyEvidence = Message<'RecordCompetencyEvidence', CompetencyEvidenceRecorded['data']>;
export type CompetencyEvidenceCommand = RecordCompetencyEvidence;
