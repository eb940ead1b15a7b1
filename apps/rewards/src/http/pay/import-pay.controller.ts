import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import type { PayImportReport } from '@tpm/rewards-application';
import { ApiError, CsvBody, Ctx, type RequestContext } from '@tpm/service-kit';
import { ScopedPayImport } from './scoped-pay-import';

/** Base pay is personal: HR imports it, it is encrypted per person, and the report never echoes a figure. */
@ApiTags('rewards: pay')
@Controller('rewards/pay/import')
export class ImportPayController {
  constructor(private readonly importPay: ScopedPayImport) {}

  @Post()
  @Roles('hr', 'admin')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'employeeNumber,basePay,currency,effectiveFrom,startedOn\nE-1,60000,EUR,2027-01-01,2020-03-01' } })
  @ApiOkResponse({ description: '{importId, accepted, unchanged, rejected: [{row, employeeNumber, errors}]}' })
  @ApiBadRequestResponse({ type: ApiError, description: 'PAY_IMPORT_FILE_INVALID, PAY_IMPORT_TOO_LARGE' })
  import(@CsvBody() csv: string, @Ctx() ctx: RequestContext, @Caller() caller: Actor): Promise<PayImportReport> {
    return this.importPay.handle(csv, ctx, caller);
  }
}
