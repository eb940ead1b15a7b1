import { Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import type { ImportEmployeesReport } from '@tpm/performance-application';
import { ApiError, CsvBody, Ctx, type RequestContext } from '@tpm/service-kit';
import { ScopedEmployeeImport } from './scoped-employee-import';

/** HR and admins; rows outside the importer's units are rejected row by row (ScopedEmployeeImport). */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/employees/import')
export class ImportEmployeesController {
  constructor(private readonly importEmployees: ScopedEmployeeImport) {}

  @Post()
  @Roles('hr', 'admin')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'Header `employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level`, one employee per row',
    schema: { type: 'string', example: 'employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level\nE-1,Ana,BU-1,CEO,,management' },
  })
  @ApiOkResponse({ description: '{accepted, unchanged, rejected: [{row, employeeNumber, errors}]}: good rows land, bad rows are reported' })
  @ApiBadRequestResponse({ type: ApiError, description: 'Not a CSV with the expected header, or over the row or byte limit (EMPLOYEE_IMPORT_TOO_LARGE)' })
  @ApiPayloadTooLargeResponse({ type: ApiError, description: 'The body is over CSV_LIMIT' })
  @ApiUnsupportedMediaTypeResponse({ type: ApiError })
  import(@CsvBody() csv: string, @Ctx() ctx: RequestContext, @Caller() caller: Actor): Promise<ImportEmployeesReport> {
    return this.importEmployees.handle(csv, ctx, caller);
  }
}
