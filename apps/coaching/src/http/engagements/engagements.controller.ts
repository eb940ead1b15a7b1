import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { engagementStream } from '@tpm/coaching-application';
import { CoachingQueries } from '@tpm/coaching-infrastructure';
import { AggregateETag, RecordScope } from '@tpm/service-kit';
import { EngagementsQuery } from '../dto/coaching.dto';
import { AsOfQuery, EngagementParam } from '../dto/ids.dto';
import { CoachingViews } from '../coaching-views.query';
import { engagementScope } from '../scope/coaching-units.resolver';

@ApiTags('coaching: engagements')
@ApiBearerAuth()
@Controller('coaching/engagements')
export class EngagementsController {
  constructor(private readonly queries: CoachingQueries) {}

  @Get()
  @Roles('coach', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(Scope.unit(query('businessUnitId'), 'read', { absent: 'skip' }))
  @ApiOkResponse({ description: 'Engagements in the units the caller may read, with the style in force' })
  list(@Query() q: EngagementsQuery, @ReadableUnits() readable: string[] | null) {
    return this.queries.engagements({ businessUnitIds: q.businessUnitId ? [q.businessUnitId] : readable, coacheeId: q.coacheeId, status: q.status });
  }

  @Get(':engagementId/sessions')
  @Roles('coach', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(engagementScope('read'))
  sessions(@Param() p: EngagementParam) {
    return this.queries.sessionsOf(p.engagementId);
  }

  @Get(':engagementId/action-items')
  @Roles('coach', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(engagementScope('read'))
  actionItems(@Param() p: EngagementParam) {
    return this.queries.actionItems({ engagementId: p.engagementId, businessUnitIds: null });
  }

  /** Existence and time of each private note: never their text (ADR 0022). */
  @Get(':engagementId/private-notes')
  @Roles('coach', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(engagementScope('read'))
  notes(@Param() p: EngagementParam) {
    return this.queries.privateNotesOf(p.engagementId);
  }
}

@ApiTags('coaching: engagements')
@ApiBearerAuth()
@Controller('coaching/engagements')
export class EngagementController {
  constructor(private readonly views: CoachingViews) {}

  @Get(':engagementId')
  @Roles('employee', 'coach', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(engagementScope('read', 'employee'))
  @AggregateETag((p) => engagementStream(p.engagementId))
  @ApiOkResponse({ description: 'The engagement (optionally as of an instant): the recommendation with its version and recorded inputs, the override and its reason' })
  get(@Param() p: EngagementParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    return this.views.engagement(p.engagementId, caller, q.asOf);
  }
}
