import { Body, Controller, HttpCode, Post, Req, UnsupportedMediaTypeException, BadRequestException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiPayloadTooLargeResponse, ApiTags, ApiUnsupportedMediaTypeResponse, ApiBadRequestResponse } from '@nestjs/swagger';
import { ImportEmployeesHandler } from '@tpm/performance-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import type { Request } from 'express';

@ApiTags('organization')
@Controller('org/employees/import')
export class EmployeeImportController {
  constructor(private readonly importEmployees: ImportEmployeesHandler) {}

  @Post()
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'Header `employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level`, one employee per row',
    schema: { type: 'string', example: 'employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level\nE-1,Ana,BU-1,CEO,,management' },
  })
  @ApiOkResponse({ description: '{accepted, unchanged, rejected: [{row, employeeNumber, errors}]}: good rows land, bad rows are reported' })
  @ApiBadRequestResponse({ type: ApiError, description: 'Not a CSV with the expected header, or over the row limit' })
  @ApiPayloadTooLargeResponse({ type: ApiError })
  @ApiUnsupportedMediaTypeResponse({ type: ApiError })
  async import(@Req() req: Request, @Body() body: unknown, @Ctx() ctx: RequestContext) {
    if (!req.is('text/csv') && !req.is('text/plain')) {
      throw new UnsupportedMediaTypeException({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the file as text/csv' });
    }
    if (typeof body !== 'string' || body.trim() === '') {
      throw new BadRequestException({ code: 'EMPTY_IMPORT', message: 'The CSV body is empty' });
    }
    return this.importEmployees.handle(body, ctx);
  }
}
