import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { EventStore } from '@tpm/event-store';
import { ApiError } from '../http/api-error';
import { EVENT_STORE } from '../tokens';

export class StreamIdParam {
  @IsString() @Length(1, 200) streamId!: string;
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
 */
@ApiTags('history')
@Controller('history')
export class HistoryController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('streams/:streamId')
  @ApiOkResponse({ description: 'The stream events in version order, with hashes' })
  @ApiNotFoundResponse({ type: ApiError })
  async stream(@Param() p: StreamIdParam, @Query() q: StreamHistoryQuery) {
    const fromVersion = q.fromVersion ?? 1;
    const limit = q.limit ?? 1000;
    const events = await this.store.readStream(p.streamId, { fromVersion, toVersion: fromVersion + limit - 1, asOf: q.asOf });
    if (events.length === 0 && fromVersion === 1) {
      throw new NotFoundException({ code: 'STREAM_NOT_FOUND', message: `No events in stream ${p.streamId}${q.asOf ? ` as of ${q.asOf}` : ''}` });
    }
    return { streamId: p.streamId, asOf: q.asOf ?? null, events };
  }

  @Get('verify')
  @ApiOkResponse({ description: 'Every hash chain and seal recomputed; problems name what was altered' })
  verify() {
    return this.store.verify();
  }
}
