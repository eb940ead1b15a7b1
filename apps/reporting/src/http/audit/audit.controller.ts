import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditedRead, query, ReadableUnits, Roles, Scope, wholeOrganization } from '@tpm/auth';
import { AuditQueries } from '@tpm/reporting-projections';
import { ApiError, RecordScope } from '@tpm/service-kit';
import { AuditEventsQuery, CorrelationParam } from '../dto/audit.dto';

/**
 * The cross-service audit trail, projected from every context's topic. Event-level detail, so
 * auditors and admins only (analysts read aggregates); every read is recorded in the access log.
 * An auditor whose token names units (not `*`) searches one of them at a time.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueries) {}

  @Get('events')
  @Roles('auditor', 'admin')
  @AuditedRead('audit.events')
  @RecordScope(
    Scope.unit(query('businessUnitId'), 'read', {
      absent: wholeOrganization('Your access is limited to some business units: name one with businessUnitId', 'BUSINESS_UNIT_REQUIRED'),
    }),
  )
  @ApiOkResponse({ description: '{items: [{eventId, type, streamId, position, occurredAt, actor, correlationId, causationId, data}], next}' })
  @ApiBadRequestResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError, description: 'A scoped auditor must name a businessUnitId within scope' })
  search(@Query() q: AuditEventsQuery) {
    return this.audit.search(q);
  }

  @Get('correlations/:correlationId')
  @Roles('auditor', 'admin')
  @AuditedRead('audit.correlation')
  @ApiOkResponse({ description: 'Every event of one correlation chain across services, in time order (within your units)' })
  async chain(@Param() p: CorrelationParam, @ReadableUnits() readable: string[] | null) {
    const items = await this.audit.correlationChain(p.correlationId);
    const units = readable && new Set(readable);
    return { correlationId: p.correlationId, items: units ? items.filter((i) => i.businessUnitId !== null && units.has(i.businessUnitId)) : items };
  }
}
