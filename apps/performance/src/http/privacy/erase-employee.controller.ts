import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { EraseEmployeeHandler, employeeIdFor } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { EraseEmployeeRequest } from './privacy.dto';

/**
 * The right to erasure (GDPR Art. 17), for people who have left: the person's key is destroyed
 * here and, through the published `performance.PersonErased`, in every other service; names and
 * free text about them read as "[erased]" from then on, figures stay. Itself an audited event.
 */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/erasures')
export class EraseEmployeeController {
  constructor(private readonly erase: EraseEmployeeHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @HttpCode(201)
  @RecordScope(Scope.employee(body('employeeNumber'), 'write', { toId: employeeIdFor }))
  @ApiCreatedResponse({ description: 'erased (or already erased: asking again changes nothing)' })
  @ApiNotFoundResponse({ type: ApiError })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'EMPLOYEE_STILL_ACTIVE, ERASURE_REASON_NAMES_PERSON' })
  create(@Body() request: EraseEmployeeRequest, @Ctx() ctx: RequestContext) {
    return this.erase.handle({ employeeNumber: request.employeeNumber, reason: request.reason }, ctx);
  }
}
