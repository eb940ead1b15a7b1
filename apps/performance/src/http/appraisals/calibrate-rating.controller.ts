import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { CalibrateRatingHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { CalibrationRequest } from '../dto/appraisal.dto';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { employeeNumbered } from '../employee-number.scope';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';

@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/calibration`)
export class CalibrateRatingController {
  constructor(private readonly calibrate: CalibrateRatingHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('hr', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiOkResponse({ description: 'Rating moved to another band; before, after and reason kept' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not in calibration, unknown band, not assessed' })
  calibration(@Param() p: AppraisalParam, @Body() body: CalibrationRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.calibrate.handle({ ...appraisalTarget(p, caller), toBand: body.toBand, reason: body.reason }, ctx);
  }
}
