import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { RateRewardHandler } from '@tpm/rewards-application';
import { ApiError, Ctx, EmployeeOrCaller, RecordScope, type RequestContext } from '@tpm/service-kit';
import { RateRewardRequest } from '../dto/proposal.dto';

/** The valence survey: the employee rates their own reward of a cycle, 1-5. */
@ApiTags('rewards: employees')
@Controller('rewards/surveys')
export class RateRewardController {
  constructor(private readonly rate: RateRewardHandler) {}

  @Post()
  @Roles('employee')
  @RecordScope(Scope.employee(body('employeeId'), 'write', { absent: 'caller' }))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'SURVEY_WITHOUT_REWARD, SURVEY_RATING_OUT_OF_RANGE' })
  create(@Body() b: RateRewardRequest, @EmployeeOrCaller('employeeId') employeeId: string, @Ctx() ctx: RequestContext) {
    return this.rate.handle({ employeeId, cycleId: b.cycleId, rating: b.rating, comment: b.comment ?? null }, ctx);
  }
}
