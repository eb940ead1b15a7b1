import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { budgetStream } from '@tpm/rewards-application';
import { budgetDecider } from '@tpm/rewards-domain';
import { AggregateETag, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { AsOfQuery, BudgetParam } from '../dto/ids.dto';

/** A unit's committed total against its cap in a cycle, from its budget stream (figures only). */
@ApiTags('rewards: budgets')
@Controller('rewards/budgets')
export class BudgetController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':businessUnitId/:cycleId')
  @Roles('hr', 'manager', 'executive', 'analyst', 'auditor', 'admin')
  @RecordScope(Scope.unit(param('businessUnitId'), 'read'))
  @AggregateETag((p) => budgetStream(p.businessUnitId, p.cycleId))
  async get(@Param() p: BudgetParam, @Query() q: AsOfQuery) {
    const { state, version } = await this.store.aggregate(budgetStream(p.businessUnitId, p.cycleId), budgetDecider, { asOf: q.asOf });
    return { budgetUnitId: p.businessUnitId, cycleId: p.cycleId, cap: state.cap, committed: state.committed, reservations: Object.keys(state.reservations).length, streamVersion: version, asOf: q.asOf ?? null };
  }
}
