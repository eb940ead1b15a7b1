import { Body, Controller, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { ScheduleSessionHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ScheduleSessionRequest } from '../dto/session.dto';
import { sessionResourcesScope } from '../scope/resource-unit.resolver';

/** Step 5, delivery: sessions scheduled by HR and managers, attendance and exams by the trainer. */
@ApiTags('training: sessions')
@Controller('training/sessions')
export class ScheduleSessionController {
  constructor(private readonly schedule: ScheduleSessionHandler) {}

  @Post()
  @Roles('hr', 'manager', 'admin')
  @RecordScope(Scope.unit(body('businessUnitId'), 'write'), ...sessionResourcesScope)
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'RESOURCE_DOUBLE_BOOKED when the venue or trainer is taken' })
  @ApiConflictResponse({ type: ApiError })
  create(@Body() body: ScheduleSessionRequest, @Ctx() ctx: RequestContext) {
    return this.schedule.handle({ ...body, planId: body.planId ?? null, venueId: body.venueId ?? null, trainerId: body.trainerId ?? null }, ctx);
  }
}
