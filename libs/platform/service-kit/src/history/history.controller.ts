import { Controller, Get, HttpCode, Inject, InternalServerErrorException, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { ACCESS_POLICY, AuditedRead, Caller, forbidden, ReadOnlyOperation, Roles, type AccessPolicy } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import type { Actor } from '@tpm/kernel';
import type { ServiceConfig } from '../config/service-config';
import { ApiError } from '../http/api-error';
import { EVENT_LOG, SERVICE_CONFIG } from '../tokens';
import { VerificationJobs, type VerificationJob } from './verification-jobs';

export class VerificationIdParam {
  @IsUUID('all', { message: 'id must be a verification id (uuid)' }) id!: string;
}

const jobLocation = (id: string) => `/history/verifications/${id}`;
/** What a client polls: the job without its (possibly large) report until it is finished. */
const jobView = (job: VerificationJob) => ({ ...job, location: jobLocation(job.id) });

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
 * as of an instant), and whether the whole store still verifies. Verification is a job (it reads
 * the whole store): started by POST, followed by GET with progress. Reporting fans out to these.
 * Auditors and admins only; every read is recorded in the access log.
 */
@ApiTags('history')
@ApiBearerAuth()
@Controller('history')
export class HistoryController {
  constructor(
    // The history as stored: personal fields stay sealed ({"$pd": 1, …} ciphertext), so an auditor
    // sees that a note, a comment or a name exists and when, never its text, and can recompute
    // the hashes over exactly these bytes. Each context's own API opens them for those allowed.
    @Inject(EVENT_LOG) private readonly store: EventStore,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
    @Inject(VerificationJobs) private readonly jobs: VerificationJobs,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
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

  @Post('verifications')
  @HttpCode(202)
  @Roles('auditor', 'admin')
  // Computes and writes no history: auditors may start it.
  @ReadOnlyOperation()
  @AuditedRead('history.verify')
  @ApiAcceptedResponse({ description: 'A verification of the whole store started (or the one running, one at a time); poll its location' })
  async startVerification(@Caller() caller: Actor, @Res({ passthrough: true }) res: Response) {
    const { job, started } = await this.jobs.start(caller.subject);
    res.location(jobLocation(job.id));
    return { ...jobView(job), alreadyRunning: !started };
  }

  @Get('verifications/:id')
  @Roles('auditor', 'admin')
  @AuditedRead('history.verify')
  @ApiOkResponse({ description: 'Status, progress (events checked / total) and, once finished, the report' })
  @ApiNotFoundResponse({ type: ApiError })
  async verification(@Param() p: VerificationIdParam) {
    const job = await this.jobs.get(p.id);
    if (!job) throw new NotFoundException({ code: 'VERIFICATION_NOT_FOUND', message: `No verification ${p.id}` });
    return jobView(job);
  }

  /**
   * Kept for existing clients: starts (or joins) a verification job and waits for it up to
   * HISTORY_VERIFY_WAIT_MS (5 s). Finished in time: 200 with the report, as before. Otherwise 202
   * with the job and its location to poll; the request no longer holds the whole verification.
   */
  @Get('verify')
  @Roles('auditor', 'admin')
  @AuditedRead('history.verify')
  @ApiOkResponse({ description: 'Every hash chain and seal recomputed (and checked against the anchored seals); problems name what was altered' })
  @ApiAcceptedResponse({ description: 'The verification takes longer: poll the returned location' })
  async verify(@Caller() caller: Actor, @Res({ passthrough: true }) res: Response) {
    const { job } = await this.jobs.start(caller.subject);
    const now = (await this.jobs.waitFor(job.id, this.config.verifyWaitMs)) ?? job;
    res.setHeader('x-verification-id', now.id);
    if (now.status === 'finished' && now.report) return now.report;
    if (now.status !== 'running') throw new InternalServerErrorException({ code: 'VERIFICATION_FAILED', message: now.error ?? `verification ${now.status}` });
    res.status(202).location(jobLocation(now.id));
    return jobView(now);
  }
}
