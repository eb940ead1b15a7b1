import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Caller, Roles, Scope } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { EngagementHandler } from '@tpm/coaching-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { CloseEngagementRequest, OverrideStyleRequest, StartEngagementRequest } from '../dto/coaching.dto';
import { EngagementParam } from '../dto/ids.dto';
import { engagementScope } from '../scope/coaching-units.resolver';

/** Coaches and managers run engagements for coachees in their scope; HR too. */
@ApiTags('coaching: engagements')
@ApiBearerAuth()
@Controller('coaching/engagements')
export class EngagementCommandsController {
  constructor(private readonly engagements: EngagementHandler) {}

  @Post()
  @Roles('coach', 'manager', 'hr', 'admin')
  @RecordScope(Scope.employee(body('coacheeId'), 'own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'COACH_IS_COACHEE, ENGAGEMENT_ALREADY_EXISTS, EMPLOYEE_OFFBOARDED' })
  start(@Body() b: StartEngagementRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.engagements.start({ ...b, coachId: b.coachId ?? caller.employeeId ?? caller.subject, cycleId: b.cycleId ?? null }, ctx);
  }

  @Post(':engagementId/pause')
  @HttpCode(200)
  @Roles('coach', 'manager', 'hr', 'admin')
  @RecordScope(engagementScope('own-work'))
  pause(@Param() p: EngagementParam, @Ctx() ctx: RequestContext) {
    return this.engagements.pause(p.engagementId, ctx);
  }

  @Post(':engagementId/resume')
  @HttpCode(200)
  @Roles('coach', 'manager', 'hr', 'admin')
  @RecordScope(engagementScope('own-work'))
  resume(@Param() p: EngagementParam, @Ctx() ctx: RequestContext) {
    return this.engagements.resume(p.engagementId, ctx);
  }

  @Post(':engagementId/close')
  @HttpCode(200)
  @Roles('coach', 'manager', 'hr', 'admin')
  @RecordScope(engagementScope('own-work'))
  close(@Param() p: EngagementParam, @Body() b: CloseEngagementRequest, @Ctx() ctx: RequestContext) {
    return this.engagements.close(p.engagementId, b.outcome, ctx);
  }

  @Post(':engagementId/style-override')
  @HttpCode(200)
  @Roles('coach', 'manager', 'admin')
  @RecordScope(engagementScope('own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'STYLE_OVERRIDE_REASON_REQUIRED' })
  override(@Param() p: EngagementParam, @Body() b: OverrideStyleRequest, @Ctx() ctx: RequestContext) {
    return this.engagements.override(p.engagementId, b, ctx);
  }

  @Post(':engagementId/style-evaluation')
  @HttpCode(200)
  @Roles('coach', 'manager', 'hr', 'admin')
  @RecordScope(engagementScope('own-work'))
  @ApiConflictResponse({ type: ApiError })
  evaluate(@Param() p: EngagementParam, @Ctx() ctx: RequestContext) {
    return this.engagements.reevaluate(p.engagementId, 'requested', null, ctx);
  }
}
