import { deciderSpec } from '@tpm/kernel/testing';
import { competencyEvidenceDecider } from './competency-evidence.decider';
import type { CompetencyEvidenceCommand, CompetencyEvidenceEvent, CompetencyEvidenceRecorded } from './competency-evidence.events';

const given = deciderSpec(competencyEvidenceDecider);
const evidence = (changes: Partial<CompetencyEvidenceRecorded['data']> = {}): CompetencyEvidenceRecorded['data'] => ({
  employeeId: 'ana',
  competencies: ['negotiation'],
  programId: 'P1',
  programVersion: 1,
  sessionId: 'S1',
  examScore: 82,
  completedAt: '2027-04-01T00:00:00.000Z',
  at: '2027-04-01T00:00:01.000Z',
  ...changes,
});
const record = (changes = {}): CompetencyEvidenceCommand => ({ type: 'RecordCompetencyEvidence', data: evidence(changes) });
const recorded = (changes = {}): CompetencyEvidenceEvent => ({ type: 'CompetencyEvidenceRecorded', data: evidence(changes) });

describe('RecordCompetencyEvidence', () => {
  it('records a completed training as evidence of its competencies', () => given([]).when(record()).then([recorded()]));
  it('says nothing new when the same session completion is reported again', () => given([recorded()]).when(record()).then([]));
  it('records another session of the same program', () => given([recorded()]).when(record({ sessionId: 'S2' })).then([recorded({ sessionId: 'S2' })]));
  it('records nothing for a program that names no competency', () => given([]).when(record({ competencies: [] })).then([]));
});
