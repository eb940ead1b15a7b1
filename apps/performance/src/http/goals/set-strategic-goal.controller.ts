import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { SetStrategicGoalHandler } from '@tpm/performance-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { SetStrategicGoalRequest } from '../dto/goal.dto';

/** Goals are the organization's shared direction: executives set them, every role reads them. */
@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class SetStrategicGoalController {
  constructor(private readonly setGoal: SetStrategicGoalHandler) {}

  @Post()
  @Roles('executive', 'admin')
  @ApiCreatedResponse({ description: 'Strategic goal set (appended 0 when set identically before)' })
  @ApiConflictResponse({ type: ApiError })
  create(@Body() body: SetStrategicGoalRequest, @Ctx() ctx: RequestContext) {
    return this.setGoal.handle(body, ctx);
  }
}
