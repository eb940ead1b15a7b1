import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { DifficultyHandler, difficultyStream } from '@tpm/coaching-application';
import { CoachingQueries } from '@tpm/coaching-infrastructure';
import { AggregateETag, ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { AssignRequest, DifficultiesQuery, ReportDifficultyRequest, ResolutionRequest } from '../dto/coaching.dto';
import { AsOfQuery, DifficultyParam } from '../dto/ids.dto';
import { CoachingViews } from '../coaching-views.query';
import { difficultyScope, engagementInBody } from '../scope/coaching-units.resolver';

/** A skill gap (published: training identifies a need) or an external obstacle (a request assigned and tracked here). */
@ApiTags('coaching: difficulties')
@ApiBearerAuth()
@Controller('coaching/difficulties')
export class DifficultyCommandsController {
  constructor(private readonly difficulties: DifficultyHandler) {}

  @Post()
  @Roles('coach', 'manager', 'admin')
  @RecordScope(engagementInBody('own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'SKILL_GAP_NEEDS_COMPETENCY_AND_LEVELS, OBSTACLE_NEEDS_REQUEST' })
  report(@Body() b: ReportDifficultyRequest, @Ctx() ctx: RequestContext) {
    return this.difficulties.report(
      { ...b, sessionId: b.sessionId ?? null, competency: b.competency ?? null, currentLevel: b.currentLevel ?? null, requiredLevel: b.requiredLevel ?? null, request: b.request ? { ...b.request } : null },
      ctx,
    );
  }

  @Post(':difficultyId/assignment')
  @HttpCode(200)
  @Roles('coach', 'manager', 'hr', 'admin')
  @RecordScope(difficultyScope('own-work'))
  assign(@Param() p: DifficultyParam, @Body() b: AssignRequest, @Ctx() ctx: RequestContext) {
    return this.difficulties.assign(p.difficultyId, b.assigneeId, ctx);
  }

  @Post(':difficultyId/resolution')
  @HttpCode(200)
  @Roles('coach', 'manager', 'hr', 'admin')
  @RecordScope(difficultyScope('own-work'))
  resolve(@Param() p: DifficultyParam, @Body() b: ResolutionRequest, @Ctx() ctx: RequestContext) {
    return this.difficulties.resolve(p.difficultyId, b.resolution, ctx);
  }
}

@ApiTags('coaching: difficulties')
@ApiBearerAuth()
@Controller('coaching/difficulties')
export class DifficultiesController {
  constructor(private readonly queries: CoachingQueries) {}

  @Get()
  @Roles('coach', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(Scope.unit(query('businessUnitId'), 'read', { absent: 'skip' }))
  list(@Query() q: DifficultiesQuery, @ReadableUnits() readable: string[] | null) {
    return this.queries.difficulties({ businessUnitIds: q.businessUnitId ? [q.businessUnitId] : readable, status: q.status, kind: q.kind, assigneeId: q.assigneeId });
  }
}

@ApiTags('coaching: difficulties')
@ApiBearerAuth()
@Controller('coaching/difficulties')
export class DifficultyController {
  constructor(private readonly views: CoachingViews) {}

  @Get(':difficultyId')
  @Roles('employee', 'coach', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(difficultyScope('read', 'employee'))
  @AggregateETag((p) => difficultyStream(p.difficultyId))
  get(@Param() p: DifficultyParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    return this.views.difficulty(p.difficultyId, caller, q.asOf);
  }
}
