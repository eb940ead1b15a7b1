import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@tpm/event-store';
import { loadProgram } from '@tpm/training-application';
import { TrainingQueries } from '@tpm/training-infrastructure';
import { EVENT_STORE } from '@tpm/service-kit';

/**
 * A program's evaluations (L1-L3) and effectiveness (L4), answered only for a program that exists
 * (404 otherwise); until the program read model can say so, the program is loaded from its stream.
 */
@Injectable()
export class ProgramEvaluationsQuery {
  constructor(
    private readonly queries: TrainingQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  program(programId: string) {
    return loadProgram(this.store, programId);
  }

  async evaluations(programId: string) {
    await loadProgram(this.store, programId);
    return this.queries.evaluations(programId);
  }

  /** Rows are per business unit: each caller sees the units they may read (overall stays org-wide). */
  async effectiveness(programId: string, readable: string[] | null) {
    await loadProgram(this.store, programId);
    const effect = await this.queries.effectiveness(programId);
    return readable === null ? effect : { ...effect, rows: effect.rows.filter((r) => readable.includes(r.businessUnitId)) };
  }

  evaluationStats(programId: string) {
    return this.queries.evaluationStats(programId);
  }
}
