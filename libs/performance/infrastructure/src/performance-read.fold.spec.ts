import type { Envelope } from '@tpm/contracts';
import { foldPerformanceBatch } from './performance-read.fold';

let position = 0;
const event = (type: string, data: unknown, streamVersion = 1): Envelope => ({
  eventId: `e-${++position}`,
  type: `performance.${type}`,
  schemaVersion: 1,
  context: 'performance',
  streamId: 's',
  streamVersion,
  position,
  occurredAt: '2027-01-01T00:00:00.000Z',
  recordedAt: '2027-01-01T00:00:00.000Z',
  actor: { subject: 'hr', roles: ['hr'] },
  businessUnitId: null,
  correlationId: 'c',
  causationId: null,
  traceparent: null,
  data,
});
const at = '2027-01-01T00:00:00.000Z';
const opened = event('AppraisalCycleOpened', { cycleId: 'C1', period: '2027', businessUnitId: 'sales', bands: [{ name: 'ok', from: 0 }], rulesVersion: 1, at }, 1);

describe('the performance read model, one batch folded into one change per row', () => {
  it('keeps a cycle stream version and its last stage, whatever the order of its events in the batch', () => {
    const c = foldPerformanceBatch([
      opened,
      event('AppraisalStageAdvanced', { cycleId: 'C1', from: 'planning', to: 'execution', at }, 2),
      event('AppraisalStageAdvanced', { cycleId: 'C1', from: 'execution', to: 'review', at }, 3),
    ]);
    expect(c.cyclesOpened).toHaveLength(1);
    expect(c.cycleHeads).toEqual([{ cycleId: 'C1', stage: 'review', version: 3 }]);
  });

  it('moves the version but not the stage on an enrolment', () => {
    const c = foldPerformanceBatch([event('ParticipantsEnrolled', { cycleId: 'C1', participants: [{ employeeId: 'ana', businessUnitId: 'sales' }], at }, 4)]);
    expect(c.participants).toEqual([{ cycleId: 'C1', employeeId: 'ana', businessUnitId: 'sales' }]);
    expect(c.cycleHeads).toEqual([{ cycleId: 'C1', stage: null, version: 4 }]);
  });

  it('ends an appraisal on its last band: assessed, calibrated, finalized', () => {
    const c = foldPerformanceBatch([
      event('ManagerAssessmentSubmitted', { cycleId: 'C1', employeeId: 'ana', ratingBand: 'meets', score: 75, objectives: [] }),
      event('RatingCalibrated', { cycleId: 'C1', employeeId: 'ana', fromBand: 'meets', toBand: 'exceeds' }),
      event('AppraisalFinalized', { cycleId: 'C1', employeeId: 'ana', ratingBand: 'exceeds' }),
    ]);
    expect(c.appraisals).toEqual([{ cycleId: 'C1', employeeId: 'ana', ratingBand: 'exceeds', score: 75, objectives: [], finalized: true }]);
  });

  it('patches only what a calibration changes when the assessment came in an earlier batch', () => {
    const c = foldPerformanceBatch([event('RatingCalibrated', { cycleId: 'C1', employeeId: 'ana', fromBand: 'meets', toBand: 'below' })]);
    expect(c.appraisals).toEqual([{ cycleId: 'C1', employeeId: 'ana', ratingBand: 'below' }]);
  });

  it('keeps an objective where it was first assigned, under its latest title', () => {
    const first = event('ObjectiveAssigned', { employeeId: 'ana', period: '2027', objectiveId: 'O1', title: 'Old', weight: 50, parentGoalId: 'G1' });
    const c = foldPerformanceBatch([first, event('ObjectiveAssigned', { employeeId: 'ana', period: '2027', objectiveId: 'O1', title: 'New', weight: 50, parentGoalId: 'G1' })]);
    expect(c.objectives).toEqual([{ period: '2027', employeeId: 'ana', objectiveId: 'O1', title: 'New', parentGoalId: 'G1', position: first.position }]);
  });

  it('writes an employee whole when onboarded in the batch, and only the change otherwise', () => {
    const c = foldPerformanceBatch([
      event('EmployeeOnboarded', { employeeId: 'ana', businessUnitId: 'sales' }),
      event('EmployeeTransferred', { employeeId: 'ana', toBusinessUnitId: 'ops' }),
      event('EmployeeOffboarded', { employeeId: 'ben', businessUnitId: 'ops' }),
    ]);
    expect(c.employees).toEqual([
      { employeeId: 'ana', businessUnitId: 'ops', active: true, whole: true },
      { employeeId: 'ben', active: false, whole: false },
    ]);
  });

  it('follows a unit to its new parent', () => {
    const c = foldPerformanceBatch([event('BusinessUnitRegistered', { businessUnitId: 'u', parentId: 'a' }), event('BusinessUnitReparented', { businessUnitId: 'u', toParentId: 'b' })]);
    expect(c.units).toEqual([{ businessUnitId: 'u', parentId: 'b', whole: true }]);
  });

  it('names the people erased, whose titles are blanked', () => {
    expect(foldPerformanceBatch([event('PersonErased', { employeeId: 'ana' })]).erased).toEqual(['ana']);
  });
});
