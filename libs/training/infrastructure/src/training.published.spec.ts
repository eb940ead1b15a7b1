import { contractProblems, currentVersionOf } from '@tpm/contracts';
import type { SessionEvent } from '@tpm/training-domain';
import { trainingPublished } from './training.published';

const at = '2027-03-01T16:00:00.000Z';
const completed: SessionEvent = {
  type: 'TrainingCompleted',
  data: {
    employeeId: 'ana',
    programId: 'P-NEG',
    programVersion: 2,
    sessionId: 'S-1',
    businessUnitId: 'sales',
    competencies: ['negotiation'],
    examScore: null,
    attendanceShare: 0.75,
    completedAt: at,
  },
};
const internal: SessionEvent[] = [
  { type: 'EmployeeEnrolled', data: { sessionId: 'S-1', employeeId: 'ana', businessUnitId: 'sales', at, via: 'direct' } },
  { type: 'AttendanceRecorded', data: { sessionId: 'S-1', employeeId: 'ana', meeting: 1, present: true, at } },
  { type: 'SessionCompleted', data: { sessionId: 'S-1', programId: 'P-NEG', completed: 1, notCompleted: 0, at } },
];
const stored = (e: SessionEvent) => ({ ...e, schemaVersion: 1 });

describe('training.events carries exactly its published contracts', () => {
  it('publishes a completed training as a valid TrainingCompleted of the current version', () => {
    const c = trainingPublished(stored(completed))!;
    expect(c).toMatchObject({ type: 'training.TrainingCompleted', version: currentVersionOf('training.TrainingCompleted') });
    expect(contractProblems(c)).toEqual([]);
  });

  it('keeps enrolments, attendance and session outcomes on the log only', () => {
    expect(internal.map(stored).map(trainingPublished)).toEqual([null, null, null]);
  });

  it('fails when a published field drifts from its contract', () => {
    const drifted = { ...completed.data, attendanceShare: '75%', competencies: 'negotiation' };
    expect(contractProblems(trainingPublished({ type: 'TrainingCompleted', schemaVersion: 1, data: drifted })!)).toEqual([
      'data.competencies: expected array, got string',
      'data.attendanceShare: expected number, got string',
    ]);
  });
});
