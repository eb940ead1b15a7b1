import type { Clock } from '@tpm/kernel';
import { execute, retryOnConflict, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { sessionDecider, type Session, type SessionCommand } from '@tpm/training-domain';
import type { CompletionRecords, EmployeeDirectory } from './ports';
import { loadProgram } from './program.handlers';
import { BookResourceHandler, ReleaseBookingHandler } from './resource.handlers';
import { EmployeeInactive, EmployeeUnknown } from './training.errors';
import { sessionStream } from './training.streams';

const unitOf = (s: Session) => (s.status === 'new' ? null : s.businessUnitId);
export const bookingIdFor = (sessionId: string, role: 'venue' | 'trainer') => `${sessionId}-${role}`;

export interface ScheduleSessionInput {
  sessionId: string;
  programId: string;
  planId: string | null;
  businessUnitId: string;
  startsAt: string;
  endsAt: string;
  meetings: number;
  capacity: number;
  venueId: string | null;
  trainerId: string | null;
  /** Whether employees of other units may enrol (default: no). */
  openToOtherUnits?: boolean;
}

/** Books the venue and the trainer first (each in its own calendar), then schedules the session. */
export class ScheduleSessionHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: ScheduleSessionInput, context: CommandContext): Promise<CommandResult> {
    const program = await loadProgram(this.store, input.programId);
    const book = new BookResourceHandler(this.store, this.clock);
    const slot = { sessionId: input.sessionId, from: input.startsAt, to: input.endsAt, quantity: 1 };
    if (input.venueId) await book.handle({ ...slot, resourceId: input.venueId, bookingId: bookingIdFor(input.sessionId, 'venue') }, context);
    if (input.trainerId) await book.handle({ ...slot, resourceId: input.trainerId, bookingId: bookingIdFor(input.sessionId, 'trainer') }, context);
    const at = this.clock.now().toISOString();
    const plan = { ...input, openToOtherUnits: input.openToOtherUnits ?? false, programVersion: program.version, competencies: program.competencies };
    const { result } = await execute(this.store, sessionStream(input.sessionId), sessionDecider)(() => ({ type: 'ScheduleSession', data: { ...plan, at } }), {
      context,
      at,
      businessUnitId: () => input.businessUnitId,
    });
    return result;
  }
}

/** Checks the employee and the prerequisites they completed; the session decides seat or waitlist. */
export class EnrolEmployeeHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly directory: EmployeeDirectory,
    private readonly completions: CompletionRecords,
  ) {}
  async handle(input: { sessionId: string; employeeId: string }, context: CommandContext): Promise<CommandResult> {
    const employee = await this.directory.employee(input.employeeId);
    if (!employee) throw new EmployeeUnknown(input.employeeId);
    if (!employee.active) throw new EmployeeInactive(input.employeeId);
    const { state } = await this.store.aggregate(sessionStream(input.sessionId), sessionDecider);
    const required = state.status === 'new' ? [] : (await loadProgram(this.store, state.programId)).prerequisites;
    const done = required.length ? await this.completions.completedPrograms(input.employeeId) : [];
    const missingPrerequisites = required.filter((p) => !done.includes(p));
    // A unit's session is for its subtree; the decider refuses others unless it is open to them.
    const withinSessionUnit = state.status === 'new' || (await this.directory.isWithin(employee.businessUnitId, [state.businessUnitId]));
    const at = this.clock.now().toISOString();
    // Seats are counted on the stream: a concurrent enrolment re-decides on the fresh count.
    const { result } = await retryOnConflict(() =>
      execute(this.store, sessionStream(input.sessionId), sessionDecider)(() => ({ type: 'EnrolEmployee', data: { ...input, businessUnitId: employee.businessUnitId, withinSessionUnit, missingPrerequisites, at } }), {
        context,
        at,
        businessUnitId: () => employee.businessUnitId,
      }),
    );
    return result;
  }
}

/** The session commands that need nothing but the session itself. */
export class SessionCommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  private run(sessionId: string, command: (at: string) => SessionCommand, context: CommandContext) {
    const at = this.clock.now().toISOString();
    return execute(this.store, sessionStream(sessionId), sessionDecider)(() => command(at), { context, at, businessUnitId: unitOf });
  }
  async withdraw(input: { sessionId: string; employeeId: string; reason: 'employee' | 'offboarded' }, context: CommandContext): Promise<CommandResult> {
    return (await retryOnConflict(() => this.run(input.sessionId, (at) => ({ type: 'WithdrawEnrolment', data: { ...input, at } }), context))).result;
  }
  async attendance(input: { sessionId: string; employeeId: string; meeting: number; present: boolean }, context: CommandContext): Promise<CommandResult> {
    return (await this.run(input.sessionId, (at) => ({ type: 'RecordAttendance', data: { ...input, at } }), context)).result;
  }
  async examScore(input: { sessionId: string; employeeId: string; score: number }, context: CommandContext): Promise<CommandResult> {
    return (await this.run(input.sessionId, (at) => ({ type: 'RecordExamScore', data: { ...input, at } }), context)).result;
  }
  /** A cancelled session frees its venue and trainer for others. */
  async cancel(input: { sessionId: string; reason: string }, context: CommandContext) {
    const { result, state: s } = await this.run(input.sessionId, (at) => ({ type: 'CancelSession', data: { ...input, at } }), context);
    if (s.status === 'cancelled') {
      const release = new ReleaseBookingHandler(this.store, this.clock);
      const why = { reason: `session ${input.sessionId} cancelled` };
      if (s.venueId) await release.handle({ resourceId: s.venueId, bookingId: bookingIdFor(s.sessionId, 'venue'), ...why }, context);
      if (s.trainerId) await release.handle({ resourceId: s.trainerId, bookingId: bookingIdFor(s.sessionId, 'trainer'), ...why }, context);
    }
    return result;
  }
  /** Completion is decided by the program's criteria at the version the session runs. */
  async complete(sessionId: string, context: CommandContext) {
    const { state } = await this.store.aggregate(sessionStream(sessionId), sessionDecider);
    const criteria = state.status === 'new' ? { minAttendanceShare: 1, minExamScore: null } : (await loadProgram(this.store, state.programId)).criteria;
    const { result, events } = await this.run(sessionId, (at) => ({ type: 'CompleteSession', data: { sessionId, criteria, at } }), context);
    return { ...result, completed: events.filter((e) => e.type === 'TrainingCompleted').map((e) => e.data) };
  }
}
