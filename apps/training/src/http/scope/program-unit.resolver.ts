import { Inject, Injectable } from '@nestjs/common';
import { param, Scope, type RecordUnitResolver } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { loadProgram } from '@tpm/training-application';
import { EVENT_STORE } from '@tpm/service-kit';

/** A program belongs to its owning unit; null: the organization's own (ADR 0018). Unknown: 404. */
@Injectable()
export class ProgramUnit implements RecordUnitResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async unitOf(programId: string): Promise<string | null> {
    return (await loadProgram(this.store, programId)).businessUnitId;
  }
}

/**
 * The program a route names (`:programId`). Reading a unit's program's figures needs read scope
 * on it; the organization's programs are the shared catalogue. Changing one needs write scope on
 * its unit, or over the organization root for the organization's.
 */
export const programScope = (mode: 'read' | 'write') =>
  Scope.record(ProgramUnit, param('programId'), mode, { ofWholeOrganization: mode === 'read' ? 'shared' : 'organization-root' });
