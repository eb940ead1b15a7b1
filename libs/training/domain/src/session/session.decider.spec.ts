import { deciderSpec } from '@tpm/kernel/testing';
import type { SessionCommand } from './session.commands';
import { sessionDecider } from './session.decider';
import {
  ExamScoreOutOfRange,
  InvalidSessionPlan,
  MeetingOutOfRange,
  NotAParticipant,
  PrerequisitesNotMet,
  SessionClosedToOtherUnits,
  SessionAlreadyScheduled,
  SessionNotFound,
  SessionNotOpen,
  SessionNotOver,
} from './session.errors';
import type { CompletionCriteria, SessionEvent, SessionPlan } from './session.events';

const given = deciderSpec(sessionDecider);
const at = '2027-03-01T09:00:00.000Z';
const after = '2027-03-10T18:00:00.000Z';
const plan = (changes: Partial<SessionPlan> = {}): SessionPlan => ({
  sessionId: 's1',
  programId: 'p1',
  programVersion: 1,
  competencies: ['negotiation'],
  planId: null,
  businessUnitId: 'sales',
  startsAt: '2027-03-08T09:00:00.000Z',
  endsAt: '2027-03-09T17:00:00.000Z',
  meetings: 2,
  capacity: 2,
  venueId: 'room-1',
  trainerId: 'tr-1',
  openToOtherUnits: false,
  ...changes,
});
const schedule = (changes: Partial<SessionPlan> = {}): SessionCommand => ({ type: 'ScheduleSession', data: { ...plan(changes), at } });
const scheduled = (changes: Partial<SessionPlan> = {}): SessionEvent => ({ type: 'SessionScheduled', data: { ...plan(changes), at } });
const enrol = (employeeId: string, missingPrerequisites: string[] = [], withinSessionUnit = true): SessionCommand => ({
  type: 'EnrolEmployee',
  data: { sessionId: 's1', employeeId, businessUnitId: withinSessionUnit ? 'sales' : 'ops', withinSessionUnit, missingPrerequisites, at },
});
const enrolled = (employeeId: string, via: 'direct' | 'waitlist' = 'direct'): SessionEvent => ({
  type: 'EmployeeEnrolled',
  data: { sessionId: 's1', employeeId, businessUnitId: 'sales', at, via },
});
const waitlisted = (employeeId: string, position: number): SessionEvent => ({
  type: 'EmployeeWaitlisted',
  data: { sessionId: 's1', employeeId, businessUnitId: 'sales', at, position },
});
const withdraw = (employeeId: string, reason: 'employee' | 'offboarded' = 'employee'): SessionCommand => ({
  type: 'WithdrawEnrolment',
  data: { sessionId: 's1', employeeId, reason, at },
});
const withdrawn = (employeeId: string, wasSeated: boolean, reason: 'employee' | 'offboarded' = 'employee'): SessionEvent => ({
  type: 'EnrolmentWithdrawn',
  data: { sessionId: 's1', employeeId, businessUnitId: 'sales', reason, wasSeated, at },
});
const cancel = (): SessionCommand => ({ type: 'CancelSession', data: { sessionId: 's1', reason: 'trainer ill', at } });
const cancelled = (): SessionEvent => ({ type: 'SessionCancelled', data: { sessionId: 's1', reason: 'trainer ill', venueId: 'room-1', trainerId: 'tr-1', at } });
const attend = (employeeId: string, meeting: number, present = true): SessionCommand => ({
  type: 'RecordAttendance',
  data: { sessionId: 's1', employeeId, meeting, present, at },
});
const attended = (employeeId: string, meeting: number, present = true): SessionEvent => ({
  type: 'AttendanceRecorded',
  data: { sessionId: 's1', employeeId, meeting, present, at },
});
const examScore = (employeeId: string, score: number): SessionCommand => ({ type: 'RecordExamScore', data: { sessionId: 's1', employeeId, score, at } });
const examScored = (employeeId: string, score: number): SessionEvent => ({ type: 'ExamScoreRecorded', data: { sessionId: 's1', employeeId, score, at } });
const criteria: CompletionCriteria = { minAttendanceShare: 0.5, minExamScore: null };
const complete = (c: CompletionCriteria = criteria, when = after): SessionCommand => ({ type: 'CompleteSession', data: { sessionId: 's1', criteria: c, at: when } });
const completedTraining = (employeeId: string, attendanceShare: number, score: number | null = null): SessionEvent => ({
  type: 'TrainingCompleted',
  data: { employeeId, programId: 'p1', programVersion: 1, sessionId: 's1', businessUnitId: 'sales', competencies: ['negotiation'], examScore: score, attendanceShare, completedAt: after },
});

describe('ScheduleSession', () => {
  it('schedules a session with dates, venue, trainer and capacity', () => given([]).when(schedule()).then([scheduled()]));
  it('says nothing new when the same session is scheduled again', () => given([scheduled()]).when(schedule()).then([]));
  it('refuses to reschedule an existing session differently', () =>
    given([scheduled()]).when(schedule({ capacity: 9 })).thenThrows(SessionAlreadyScheduled));
  it('refuses a session that ends before it starts', () =>
    given([]).when(schedule({ endsAt: '2027-03-07T00:00:00.000Z' })).thenThrows(InvalidSessionPlan));
  it('refuses a session without seats', () => given([]).when(schedule({ capacity: 0 })).thenThrows(InvalidSessionPlan));
});

describe('EnrolEmployee', () => {
  it('seats the employee while there is room', () => given([scheduled()]).when(enrol('ana')).then([enrolled('ana')]));
  it('waitlists the employee when the session is full, in order', () =>
    given([scheduled(), enrolled('ana'), enrolled('ben'), waitlisted('cy', 1)]).when(enrol('dan')).then([waitlisted('dan', 2)]));
  it('enrols twice idempotently: a retried request says nothing new', () => given([scheduled(), enrolled('ana')]).when(enrol('ana')).then([]));
  it('does not waitlist someone already waitlisted again', () =>
    given([scheduled(), enrolled('ana'), enrolled('ben'), waitlisted('cy', 1)]).when(enrol('cy')).then([]));
  it('refuses an employee who lacks a prerequisite program', () =>
    given([scheduled()]).when(enrol('ana', ['p0'])).thenThrows(PrerequisitesNotMet, /p0/));
  it('refuses a cancelled session', () => given([scheduled(), cancelled()]).when(enrol('ana')).thenThrows(SessionNotOpen));
  it('refuses a session that was never scheduled', () => given([]).when(enrol('ana')).thenThrows(SessionNotFound));
  it('refuses an employee of another unit unless the session is open to other units', () =>
    given([scheduled()]).when(enrol('ola', [], false)).thenThrows(SessionClosedToOtherUnits));
  it('seats an employee of another unit in a session open to other units', () =>
    given([scheduled({ openToOtherUnits: true })])
      .when(enrol('ola', [], false))
      .then([{ type: 'EmployeeEnrolled', data: { sessionId: 's1', employeeId: 'ola', businessUnitId: 'ops', at, via: 'direct' } }]));
  it('reads a session scheduled before the field as closed to other units', () => {
    const { openToOtherUnits: _none, ...old } = plan();
    expect(sessionDecider.evolve(sessionDecider.initialState(), { type: 'SessionScheduled', data: { ...old, at } } as SessionEvent)).toMatchObject({ openToOtherUnits: false });
  });
});

describe('WithdrawEnrolment', () => {
  it('frees the seat and promotes the first waitlisted employee', () =>
    given([scheduled(), enrolled('ana'), enrolled('ben'), waitlisted('cy', 1), waitlisted('dan', 2)])
      .when(withdraw('ana'))
      .then([withdrawn('ana', true), enrolled('cy', 'waitlist')]));
  it('takes a waitlisted employee off the list without promoting anyone', () =>
    given([scheduled(), enrolled('ana'), enrolled('ben'), waitlisted('cy', 1)]).when(withdraw('cy')).then([withdrawn('cy', false)]));
  it('moves the waitlist when an offboarded employee is withdrawn', () =>
    given([scheduled(), enrolled('ana'), enrolled('ben'), waitlisted('cy', 1)])
      .when(withdraw('ben', 'offboarded'))
      .then([withdrawn('ben', true, 'offboarded'), enrolled('cy', 'waitlist')]));
  it('says nothing for an employee who is not enrolled', () => given([scheduled()]).when(withdraw('zed')).then([]));
  it('keeps the promoted employee seated and the waitlist shorter', () =>
    given([scheduled({ capacity: 1 }), enrolled('ana'), waitlisted('ben', 1)])
      .when(withdraw('ana'))
      .thenState((s) => expect(s.status !== 'new' && [s.seated.map((x) => x.employeeId), s.waitlist.length]).toEqual([['ben'], 0])));
});

describe('CancelSession', () => {
  it('cancels every enrolment, seated and waitlisted, and names the bookings to free', () =>
    given([scheduled({ capacity: 1 }), enrolled('ana'), waitlisted('ben', 1)])
      .when(cancel())
      .then([
        { type: 'EnrolmentCancelled', data: { sessionId: 's1', employeeId: 'ana', businessUnitId: 'sales', at } },
        { type: 'EnrolmentCancelled', data: { sessionId: 's1', employeeId: 'ben', businessUnitId: 'sales', at } },
        cancelled(),
      ]));
  it('says nothing when the session is already cancelled', () => given([scheduled(), cancelled()]).when(cancel()).then([]));
});

describe('RecordAttendance', () => {
  it('records a participant present at a meeting', () => given([scheduled(), enrolled('ana')]).when(attend('ana', 1)).then([attended('ana', 1)]));
  it('says nothing when the same attendance is recorded again', () =>
    given([scheduled(), enrolled('ana'), attended('ana', 1)]).when(attend('ana', 1)).then([]));
  it('corrects a presence into an absence', () =>
    given([scheduled(), enrolled('ana'), attended('ana', 1)]).when(attend('ana', 1, false)).then([attended('ana', 1, false)]));
  it('refuses someone without a seat', () => given([scheduled(), enrolled('ana')]).when(attend('zed', 1)).thenThrows(NotAParticipant));
  it('refuses a meeting the session does not have', () => given([scheduled(), enrolled('ana')]).when(attend('ana', 3)).thenThrows(MeetingOutOfRange));
});

describe('RecordExamScore', () => {
  it('records a participant’s exam score', () => given([scheduled(), enrolled('ana')]).when(examScore('ana', 80)).then([examScored('ana', 80)]));
  it('refuses a score outside 0-100', () => given([scheduled(), enrolled('ana')]).when(examScore('ana', 101)).thenThrows(ExamScoreOutOfRange));
});

describe('CompleteSession', () => {
  it('completes who met the attendance criterion and not who missed it', () =>
    given([scheduled(), enrolled('ana'), enrolled('ben'), attended('ana', 1), attended('ana', 2), attended('ben', 1, false)])
      .when(complete())
      .then([
        completedTraining('ana', 1),
        {
          type: 'TrainingNotCompleted',
          data: { sessionId: 's1', employeeId: 'ben', programId: 'p1', reasons: ['attendance 0 below 0.5'], attendanceShare: 0, examScore: null, at: after },
        },
        { type: 'SessionCompleted', data: { sessionId: 's1', programId: 'p1', completed: 1, notCompleted: 1, at: after } },
      ]));
  it('requires the exam pass mark when the program has an exam', () =>
    given([scheduled(), enrolled('ana'), attended('ana', 1), examScored('ana', 55)])
      .when(complete({ minAttendanceShare: 0.5, minExamScore: 60 }))
      .thenState((s) => expect(s.status).toBe('completed')));
  it('completes with the exam score on the published fact', () =>
    given([scheduled(), enrolled('ana'), attended('ana', 1), examScored('ana', 75)])
      .when(complete({ minAttendanceShare: 0.5, minExamScore: 60 }))
      .then([completedTraining('ana', 0.5, 75), { type: 'SessionCompleted', data: { sessionId: 's1', programId: 'p1', completed: 1, notCompleted: 0, at: after } }]));
  it('refuses to decide completion before the session ends', () =>
    given([scheduled(), enrolled('ana')]).when(complete(criteria, '2027-03-08T12:00:00.000Z')).thenThrows(SessionNotOver));
  it('says nothing when the session is already completed', () =>
    given([scheduled(), { type: 'SessionCompleted', data: { sessionId: 's1', programId: 'p1', completed: 0, notCompleted: 0, at: after } }])
      .when(complete())
      .then([]));
  it('refuses a cancelled session', () => given([scheduled(), cancelled()]).when(complete()).thenThrows(SessionNotOpen));
});
