import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ACCESS_POLICY, body, Caller, query, ReadableUnits, Roles, Scope, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { MonthlyReviewHandler, monthlyReviewStream } from '@tpm/coaching-application';
import { CoachingQueries } from '@tpm/coaching-infrastructure';
import { AggregateETag, ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { OpenReviewRequest, OverdueQuery, ReviewsQuery, SubmitReviewRequest } from '../dto/coaching.dto';
import { AsOfQuery, ReviewParam } from '../dto/ids.dto';
import { CoachingViews } from '../coaching-views.query';
import { reviewScope } from '../scope/coaching-units.resolver';

/** The monthly review form: opened per employee (their unit) or per department, submitted by the manager. */
@ApiTags('coaching: monthly reviews')
@ApiBearerAuth()
@Controller('coaching/monthly-reviews')
export class MonthlyReviewCommandsController {
  constructor(private readonly reviews: MonthlyReviewHandler) {}

  @Post()
  @Roles('manager', 'hr', 'admin')
  @RecordScope(Scope.employee(body('employeeId'), 'write', { absent: Scope.unit(body('businessUnitId'), 'write') }))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'MONTHLY_REVIEW_DUE_BEFORE_ITS_MONTH' })
  open(@Body() b: OpenReviewRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    const subject = b.employeeId ? ({ kind: 'employee', employeeId: b.employeeId } as const) : ({ kind: 'department' } as const);
    return this.reviews.open({ reviewId: b.reviewId, subject, businessUnitId: b.businessUnitId ?? null, reviewerId: b.reviewerId ?? caller.employeeId ?? caller.subject, month: b.month, dueOn: b.dueOn }, ctx);
  }

  @Post(':reviewId/submission')
  @HttpCode(200)
  @Roles('manager', 'hr', 'admin')
  @RecordScope(reviewScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'MONTHLY_REVIEW_NOT_OPEN' })
  submit(@Param() p: ReviewParam, @Body() b: SubmitReviewRequest, @Ctx() ctx: RequestContext) {
    return this.reviews.submit(p.reviewId, { ...b, objectives: b.objectives.map((o) => ({ ...o })) }, ctx);
  }
}

@ApiTags('coaching: monthly reviews')
@ApiBearerAuth()
@Controller('coaching/monthly-reviews')
export class MonthlyReviewsController {
  constructor(
    private readonly queries: CoachingQueries,
    @Inject(ACCESS_POLICY) private readonly policy: AccessPolicy,
  ) {}

  @Get()
  @Roles('manager', 'hr', 'auditor', 'admin')
  @RecordScope(Scope.unit(query('businessUnitId'), 'read', { absent: 'skip' }))
  list(@Query() q: ReviewsQuery, @ReadableUnits() readable: string[] | null) {
    return this.queries.monthlyReviews({ businessUnitIds: q.businessUnitId ? [q.businessUnitId] : readable, month: q.month, status: q.status });
  }

  /** Forms flagged overdue in the unit and every unit below it that the caller may read. */
  @Get('overdue')
  @Roles('manager', 'hr', 'auditor', 'admin')
  @RecordScope(Scope.unit(query('businessUnitId'), 'read'))
  @ApiOkResponse({ description: 'Overdue, unsubmitted forms of the business unit subtree, by unit' })
  async overdue(@Query() q: OverdueQuery, @ReadableUnits() readable: string[] | null) {
    const below = await this.policy.unitsBelow(q.businessUnitId);
    return this.queries.overdueReviews(readable === null ? below : below.filter((u) => readable.includes(u)));
  }
}

@ApiTags('coaching: monthly reviews')
@ApiBearerAuth()
@Controller('coaching/monthly-reviews')
export class MonthlyReviewController {
  constructor(private readonly views: CoachingViews) {}

  @Get(':reviewId')
  @Roles('employee', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(reviewScope('read', 'employee'))
  @AggregateETag((p) => monthlyReviewStream(p.reviewId))
  get(@Param() p: ReviewParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    return this.views.monthlyReview(p.reviewId, caller, q.asOf);
  }
}
