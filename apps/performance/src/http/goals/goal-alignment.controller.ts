import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { PeriodQuery } from '../dto/performance-ids.dto';
import { VisibleAlignmentQuery } from './visible-alignment.query';

/** Registered before GoalController, whose `goals/:goalId` would otherwise take `goals/alignment`. */
@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals/alignment')
export class GoalAlignmentController {
  constructor(private readonly alignment: VisibleAlignmentQuery) {}

  @Get()
  @Roles('executive', 'hr', 'manager', 'analyst', 'auditor', 'admin')
  @ApiOkResponse({ description: 'Strategic goals -> unit goals -> employee objectives, with orphan objectives apart' })
  get(@Query() q: PeriodQuery, @Caller() caller: Actor) {
    return this.alignment.run(q.period, caller);
  }
}
