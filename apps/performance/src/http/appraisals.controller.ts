import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import {
  AcknowledgeAppraisalHandler,
  AppraisalQueries,
  CalibrateRatingHandler,
  DelegateAssessmentHandler,
  DisputeAppraisalHandler,
  employeeIdFor,
  ResolveAppraisalDisputeHandler,
  SubmitManagerAssessmentHandler,
  SubmitPeerFeedbackHandler,
  SubmitSelfAssessmentHandler,
} from '@tpm/performance-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import {
  CalibrationRequest,
  DelegateAssessmentRequest,
  DisputeRequest,
  ManagerAssessmentRequest,
  PeerFeedbackRequest,
  ResolveDisputeRequest,
  SelfAssessmentRequest,
} from './dto/appraisal.dto';
import { AsOfQuery } from './dto/employee.dto';
import { AppraisalParam } from './dto/performance-ids.dto';

/** One employee's appraisal in a cycle, from self-assessment to sign-off. */
@ApiTags('appraisals')
@Controller('appraisal-cycles/:cycleId/appraisals/:employeeNumber')
export class AppraisalsController {
  constructor(
    private readonly selfAssess: SubmitSelfAssessmentHandler,
    private readonly delegateTo: DelegateAssessmentHandler,
    private readonly assess: SubmitManagerAssessmentHandler,
    private readonly feedback: SubmitPeerFeedbackHandler,
    private readonly calibrate: CalibrateRatingHandler,
    private readonly acknowledge: AcknowledgeAppraisalHandler,
    private readonly disputeAppraisal: DisputeAppraisalHandler,
    private readonly resolve: ResolveAppraisalDisputeHandler,
    private readonly queries: AppraisalQueries,
  ) {}

  private target(p: AppraisalParam, ctx: RequestContext) {
    return { cycleId: p.cycleId, employeeId: employeeIdFor(p.employeeNumber), actingEmployeeId: ctx.actor.employeeId ?? null };
  }

  @Post('self-assessment')
  @Roles('employee')
  @ApiCreatedResponse({ description: 'Self-assessment recorded' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not the employee, not in review, or already submitted' })
  self(@Param() p: AppraisalParam, @Body() body: SelfAssessmentRequest, @Ctx() ctx: RequestContext) {
    return this.selfAssess.handle({ ...this.target(p, ctx), comment: body.comment, ratings: (body.ratings ?? []).map(({ competency, rating }) => ({ competency, rating })) }, ctx);
  }

  @Post('delegation')
  @Roles('manager', 'hr')
  @ApiCreatedResponse({ description: 'Assessment delegated' })
  delegate(@Param() p: AppraisalParam, @Body() body: DelegateAssessmentRequest, @Ctx() ctx: RequestContext) {
    return this.delegateTo.handle({ ...this.target(p, ctx), delegateId: employeeIdFor(body.delegateEmployeeNumber) }, ctx);
  }

  @Post('manager-assessment')
  @Roles('manager')
  @ApiCreatedResponse({ description: 'Assessment recorded with each indicator score and its provenance' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not the manager or delegate, score outside scale, scorecard not ready' })
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed this appraisal at the same time' })
  manager(@Param() p: AppraisalParam, @Body() body: ManagerAssessmentRequest, @Ctx() ctx: RequestContext) {
    return this.assess.handle(
      {
        ...this.target(p, ctx),
        results: body.results.map(({ indicatorId, actual }) => ({ indicatorId, actual })),
        competencies: body.competencies.map(({ competency, rating, requiredLevel }) => ({ competency, rating, requiredLevel })),
        potential: body.potential,
        comment: body.comment,
      },
      ctx,
    );
  }

  @Post('feedback')
  @Roles('employee', 'manager')
  @ApiCreatedResponse({ description: '360 feedback recorded; anonymous feedback names nobody' })
  async peer(@Param() p: AppraisalParam, @Body() body: PeerFeedbackRequest, @Ctx() ctx: RequestContext) {
    const result = await this.feedback.handle({ ...this.target(p, ctx), ...body }, ctx);
    return { appended: result.appended };
  }

  @Post('calibration')
  @HttpCode(200)
  @Roles('hr')
  @ApiOkResponse({ description: 'Rating moved to another band; before, after and reason kept' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not in calibration, unknown band, not assessed' })
  calibration(@Param() p: AppraisalParam, @Body() body: CalibrationRequest, @Ctx() ctx: RequestContext) {
    return this.calibrate.handle({ ...this.target(p, ctx), toBand: body.toBand, reason: body.reason }, ctx);
  }

  @Post('acknowledgement')
  @HttpCode(200)
  @Roles('employee')
  @ApiOkResponse({ description: 'The employee acknowledges the final appraisal' })
  ack(@Param() p: AppraisalParam, @Ctx() ctx: RequestContext) {
    return this.acknowledge.handle(this.target(p, ctx), ctx);
  }

  @Post('dispute')
  @HttpCode(200)
  @Roles('employee')
  @ApiOkResponse({ description: 'The employee disputes the final appraisal' })
  dispute(@Param() p: AppraisalParam, @Body() body: DisputeRequest, @Ctx() ctx: RequestContext) {
    return this.disputeAppraisal.handle({ ...this.target(p, ctx), reason: body.reason }, ctx);
  }

  @Post('dispute/resolution')
  @HttpCode(200)
  @Roles('hr')
  @ApiOkResponse({ description: 'HR upholds or amends the disputed appraisal' })
  resolution(@Param() p: AppraisalParam, @Body() body: ResolveDisputeRequest, @Ctx() ctx: RequestContext) {
    return this.resolve.handle({ ...this.target(p, ctx), resolution: body.resolution, toBand: body.toBand ?? null, note: body.note }, ctx);
  }

  @Get()
  @Roles('employee', 'manager', 'hr', 'analyst', 'auditor')
  @ApiOkResponse({ description: 'The appraisal (before/after calibration, response, 360), optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  get(@Param() p: AppraisalParam, @Query() q: AsOfQuery, @Ctx() ctx: RequestContext) {
    const { cycleId, employeeId } = this.target(p, ctx);
    const { actor } = ctx;
    // Named 360 feedback is for HR, auditors and the manager; the reviewee (and analysts) see what was said, never by whom.
    const full = actor.employeeId !== employeeId && actor.roles.some((r) => r === 'hr' || r === 'auditor' || r === 'manager');
    return this.queries.appraisal(cycleId, employeeId, full ? 'full' : 'reviewee', q.asOf);
  }
}
