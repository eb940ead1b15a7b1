import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditQueries } from '@tpm/reporting-projections';
import { ApiError } from '@tpm/service-kit';
import { AuditEventsQuery, CorrelationParam } from './dto/audit.dto';

/** The cross-service audit trail, projected from every context's topic. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueries) {}

  @Get('events')
  @ApiOkResponse({ description: '{items: [{eventId, type, streamId, position, occurredAt, actor, correlationId, causationId, data}], next}' })
  @ApiBadRequestResponse({ type: ApiError })
  search(@Query() q: AuditEventsQuery) {
    return this.audit.search(q);
  }

  @Get('correlations/:correlationId')
  @ApiOkResponse({ description: 'Every event of one correlation chain across services, in time order' })
  async chain(@Param() p: CorrelationParam) {
    return { correlationId: p.correlationId, items: await this.audit.correlationChain(p.correlationId) };
  }
}
