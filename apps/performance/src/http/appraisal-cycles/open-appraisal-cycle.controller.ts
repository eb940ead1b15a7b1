import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { OpenAppraisalCycleHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { OpenAppraisalCycleRequest } from '../dto/appraisal-cycle.dto';
import { orgWideCycle } from './cycle-unit.resolver';

/**
 * HR runs a cycle: open, enrol the scope, advance the stages, finalize; the committee reads the
 * distribution and what-if. Access: write (or read) scope on the cycle's unit; an
 * organization-wide cycle needs full scope.
 */
@ApiTags('appraisal cycles')
@ApiBearerAuth()
@Controller('appraisal-cycles')
export class OpenAppraisalCycleController {
  constructor(private readonly open: OpenAppraisalCycleHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @RecordScope(Scope.unit(body('businessUnitId'), 'write', { absent: orgWideCycle('write') }))
  @ApiCreatedResponse({ description: 'Cycle opened in planning' })
  @ApiUnprocessableEntityResponse({ type: ApiError })
  create(@Body() body: OpenAppraisalCycleRequest, @Ctx() ctx: RequestContext) {
    return this.open.handle({ ...body, bands: body.bands?.map(({ name, from }) => ({ name, from })) }, ctx);
  }
}
