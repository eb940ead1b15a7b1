import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ACCESS_POLICY, AuditedRead, Caller, forbidden, Roles, type AccessPolicy } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import type { Actor } from '@tpm/kernel';
import { ApiError } from '../http/api-error';
import { EVENT_STORE } from '../tokens';

export class StreamIdParam {
  @IsString()
  @Length(1, 200)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, { message: 'streamId must be letters, digits, dots, colons, at signs, underscores or dashes' })
  streamId!: string;
}

export class StreamHistoryQuery {
  @ApiPropertyOptional({ description: 'Only events recorded at or before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 instant' })
  asOf?: string;

  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) fromVersion?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 10_000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000) limit?: number;
}

/**
 * What an auditor asks the owning service directly: one stream's history as stored (optionally
 * as of an instant), and whether the whole store still verifies. Reporting fans out to these.
 * Auditors and admins only; every read is recorded in the access log.
 */
@ApiTags('history')
@ApiBearerAuth()
@Controller('history')
export class HistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  @Get('streams/:streamId')
  @Roles('auditor', 'admin')
  @AuditedRead('history.stream')
  @ApiOkResponse({ description: 'The stream events in version order, with hashes' })
  @ApiNotFoundResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError, description: 'The stream holds records of business units outside your scope' })
  async stream(@Param() p: StreamIdParam, @Query() q: StreamHistoryQuery, @Caller() caller: Actor) {
    const fromVersion = q.fromVersion ?? 1;
    const limit = q.limit ?? 1000;
    const events = await this.store.readStream(p.streamId, { fromVersion, toVersion: fromVersion + limit - 1, asOf: q.asOf });
    // A scoped auditor sees a stream only when every event in it belongs to one of their units:
    // a filtered history would look complete while it is not. Unattributed events need full scope.
    const readable = await this.access.readableBusinessUnits(caller);
    if (readable !== null) {
      const units = new Set(readable);
      if (events.some((e) => e.metadata.businessUnitId === null || !units.has(e.metadata.businessUnitId))) {
        throw forbidden('OUT_OF_SCOPE', 'This stream holds records outside the business units you may read');
      }
    }
    if (events.length === 0 && fromVersion === 1) {
      throw new NotFoundException({ code: 'STREAM_NOT_FOUND', message: `No events in stream ${p.streamId}${q.asOf ? ` as of ${q.asOf}` : ''}` });
    }
    return { streamId: p.streamId, asOf: q.asOf ?? null, events };
  }

  @Get('verify')
  @Roles('auditor', 'admin')
  @AuditedRead('history.verify')
  @ApiOkResponse({ description: 'Every hash chain and seal recomputed; problems name what was altered' })
  verify() {
    return this.store.verify();
  }
}
