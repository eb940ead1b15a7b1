import type { Envelope } from '@tpm/contracts';
import { foldTrainingBatch } from './training-read.fold';

let n = 0;
const ev = (type: string, data: Record<string, unknown>): Envelope =>
  ({ eventId: `e${++n}`, type: `training.${type}`, streamId: 's', correlationId: 'c-1', data }) as unknown as Envelope;
const enrol = (employeeId: string, type = 'EmployeeEnrolled', via = 'direct') =>
  ev(type, { sessionId: 'S', employeeId, businessUnitId: 'BU', at: `2027-01-0${n % 9 || 1}T00:00:00Z`, via });
const need = (type: string, priority: number) =>
  ev(type, { needId: 'N', employeeId: 'ana', businessUnitId: 'BU', competency: 'X', currentLevel: 1, requiredLevel: 3, gap: 2, source: 'appraisal', sourceRef: null, strategicWeight: 1, priority, priorityVersion: priority, at: `2027-01-0${priority}T00:00:00Z` });

describe('foldTrainingBatch', () => {
  it('ends an enrolment where one-by-one application would: enrol, withdraw, enrol again is seated with the last via', () => {
    const c = foldTrainingBatch([enrol('ana'), ev('EnrolmentWithdrawn', { sessionId: 'S', employeeId: 'ana' }), enrol('ana', 'EmployeeWaitlisted', 'waitlist')]);
    expect(c.enrolments).toEqual([expect.objectContaining({ employeeId: 'ana', status: 'waitlisted', via: 'waitlist', enrolledAt: expect.any(String) })]);
    expect(c.statuses).toEqual([]);
  });

  it('only moves the status of an enrolment made in an earlier batch', () => {
    const c = foldTrainingBatch([ev('EnrolmentCancelled', { sessionId: 'S', employeeId: 'ben' })]);
    expect(c.enrolments).toEqual([]);
    expect(c.statuses).toEqual([{ sessionId: 'S', employeeId: 'ben', status: 'cancelled' }]);
  });

  it('keeps the first identification of a need and the last reassessment, and closes it after both', () => {
    const c = foldTrainingBatch([need('TrainingNeedIdentified', 1), need('TrainingNeedReassessed', 3), ev('TrainingNeedMet', { needId: 'N', at: '2027-02-01T00:00:00Z', by: 'program' })]);
    expect(c.needs).toEqual([expect.objectContaining({ needId: 'N', priority: 3, priorityVersion: 3, identifiedAt: '2027-01-01T00:00:00Z' })]);
    expect(c.closures).toEqual([{ needId: 'N', status: 'met', closedAt: '2027-02-01T00:00:00Z', closedBy: 'program' }]);
  });

  it('patches only the evaluation columns the batch names, with the gain only when it is known', () => {
    const base = { sessionId: 'S', employeeId: 'ana', programId: 'P' };
    const c = foldTrainingBatch([
      ev('LearningTestRecorded', { ...base, phase: 'pre', score: 40, gain: null }),
      ev('LearningTestRecorded', { ...base, phase: 'post', score: 70, gain: 30 }),
      ev('ReactionSubmitted', { ...base, average: 4.5 }),
    ]);
    expect(c.evaluations).toEqual([{ ...base, pre_score: 40, post_score: 70, learning_gain: 30, reaction_average: 4.5 }]);
  });
});
