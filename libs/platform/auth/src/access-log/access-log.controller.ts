import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Roles } from '../access.decorators';
import { AccessLog } from './access-log';

export class AccessLogQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'after must be the next cursor of a previous page' })
  after?: string;
}

/** Who read history or the audit trail on this service: for admins only. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/access-log')
export class AccessLogController {
  constructor(@Inject(AccessLog) private readonly log: AccessLog) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ description: '{items: [{id, at, subject, roles, resource, method, path, query, correlationId}], next}' })
  @ApiForbiddenResponse({ description: 'Not an admin' })
  list(@Query() q: AccessLogQuery) {
    return this.log.list({ limit: q.limit ?? 100, after: q.after });
  }
}
