import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ACCESS_POLICY, Caller, Roles, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { DefineProgramHandler, loadProgram, ProgramReviewHandler, ReviseProgramHandler } from '@tpm/training-application';
import { TrainingQueries } from '@tpm/training-infrastructure';
import { ApiError, Ctx, EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import { ProgramParam, ReviewParam } from './dto/ids.dto';
import { DefineProgramRequest, ImprovementActionRequest, ReviseProgramRequest } from './dto/program.dto';

/** Step 3 (methods), 6 (evaluation shown per program, L1-L4) and 8 (continuous improvement). */
@ApiTags('training: programs')
@Controller('training/programs')
export class ProgramsController {
  constructor(
    private readonly define: DefineProgramHandler,
    private readonly revise: ReviseProgramHandler,
    private readonly reviews: ProgramReviewHandler,
    private readonly queries: TrainingQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  @Post()
  @Roles('hr', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  create(@Body() body: DefineProgramRequest, @Ctx() ctx: RequestContext) {
    return this.define.handle(body, ctx);
  }

  @Get(':programId')
  @Roles('employee', 'manager', 'hr', 'trainer', 'coach', 'executive', 'analyst', 'admin')
  get(@Param() p: ProgramParam) {
    return loadProgram(this.store, p.programId);
  }

  @Post(':programId/revisions')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  newVersion(@Param() p: ProgramParam, @Body() body: ReviseProgramRequest, @Ctx() ctx: RequestContext) {
    return this.revise.handle({ programId: p.programId, changes: body.changes, reviewId: null }, ctx);
  }

  @Get(':programId/evaluations')
  @Roles('hr', 'manager', 'trainer', 'executive', 'analyst', 'admin')
  @ApiOkResponse({ description: 'Kirkpatrick L1 average, L2 average gain, L3 average rating' })
  async evaluations(@Param() p: ProgramParam) {
    await loadProgram(this.store, p.programId);
    return this.queries.evaluations(p.programId);
  }

  @Get(':programId/effectiveness')
  @Roles('hr', 'manager', 'executive', 'analyst', 'admin')
  @ApiOkResponse({ description: 'Kirkpatrick L4: appraisal change of trained employees against untrained peers of the same unit and band' })
  async effectiveness(@Param() p: ProgramParam, @Caller() caller: Actor) {
    await loadProgram(this.store, p.programId);
    const effect = await this.queries.effectiveness(p.programId);
    // Rows are per business unit: each caller sees the units they may read (overall stays org-wide).
    const readable = await this.access.readableBusinessUnits(caller);
    return readable === null ? effect : { ...effect, rows: effect.rows.filter((r) => readable.includes(r.businessUnitId)) };
  }

  @Post(':programId/review-check')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiOkResponse({ description: 'Flags the program for review when an evaluation level is below its threshold' })
  async reviewCheck(@Param() p: ProgramParam, @Ctx() ctx: RequestContext) {
    return this.reviews.check(p.programId, await this.queries.evaluationStats(p.programId), ctx);
  }

  @Post(':programId/reviews/:reviewId/actions')
  @Roles('hr', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  action(@Param() p: ReviewParam, @Body() body: ImprovementActionRequest, @Ctx() ctx: RequestContext) {
    return this.reviews.recordAction(p.programId, { reviewId: p.reviewId, ...body }, ctx);
  }

  @Post(':programId/reviews/:reviewId/next-version')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  nextVersion(@Param() p: ReviewParam, @Body() body: ReviseProgramRequest, @Ctx() ctx: RequestContext) {
    return this.reviews.reviseFromReview(p.programId, { reviewId: p.reviewId, changes: body.changes }, ctx);
  }
}
