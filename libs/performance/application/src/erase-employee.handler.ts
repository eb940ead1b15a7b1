import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore, type PersonalDataKeys } from '@tpm/event-store';
import { employeeDecider } from '@tpm/performance-domain';
import { employeeIdFor } from './employee-number.identity';
import { employeeStream } from './org.streams';

export interface EraseEmployeeInput {
  employeeNumber: string;
  reason: string;
}

/** The local copies of someone's personal data kept outside the event log (anonymous feedback held for release). */
export interface PersonalCopies {
  /** Blanks the copies about this person; returns how many there were. */
  eraseAbout(employeeId: string): Promise<number>;
}

export interface ErasureResult extends CommandResult {
  employeeId: string;
  employeeNumber: string;
  erasedAt: string;
}

/**
 * The right to erasure. The audited PersonErased event is appended first (so no key is destroyed
 * without a record of who asked and why), then this service's key for the person is destroyed and
 * its copies outside the log are blanked. Other services do the same when the published
 * `performance.PersonErased` reaches them. Asking again is harmless: the decider records nothing
 * new and the key stays destroyed.
 */
export class EraseEmployeeHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly keys: PersonalDataKeys,
    private readonly copies: PersonalCopies,
  ) {}

  async handle(input: EraseEmployeeInput, context: CommandContext): Promise<ErasureResult> {
    const employeeId = employeeIdFor(input.employeeNumber);
    const at = this.clock.now().toISOString();
    const { result, state } = await execute(this.store, employeeStream(employeeId), employeeDecider)(
      () => ({ type: 'EraseEmployee', data: { employeeId, reason: input.reason, at } }),
      { context, at, businessUnitId: (s) => (s.status === 'new' ? null : s.businessUnitId) },
    );
    await this.keys.erase(employeeId);
    await this.copies.eraseAbout(employeeId);
    const erasedAt = state.status === 'erased' ? state.erasedAt : at;
    return { ...result, employeeId, employeeNumber: input.employeeNumber, erasedAt };
  }
}
