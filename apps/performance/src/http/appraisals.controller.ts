import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ACCESS_POLICY, Caller, Roles, type AccessMode, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
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

/**
 * One employee's appraisal in a cycle, from self-assessment to sign-off. Access: the employee's
 * own record, or managers and HR whose units hold the employee; who may do what inside that
 * (the employee self-assesses, the manager or a delegate assesses) is the domain's rule. 360
 * feedback comes from colleagues anywhere: any employee may give it, nobody outside scope reads it.
 */
@ApiTags('appraisals')
@ApiBearerAuth()
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
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  /** The appraisal addressed, checked against the caller's scope, with who the caller is as an employee. */
  private async target(p: AppraisalParam, caller: Actor, mode: AccessMode | null = 'write') {
    const employeeId = employeeIdFor(p.employeeNumber);
    if (mode) await this.access.assertEmployee(caller, employeeId, mode);
    return { cycleId: p.cycleId, employeeId, actingEmployeeId: caller.employeeId ?? null };
  }

  @Post('self-assessment')
  @Roles('employee', 'admin')
  @ApiCreatedResponse({ description: 'Self-assessment recorded' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not the employee, not in review, or already submitted' })
  async self(@Param() p: AppraisalParam, @Body() body: SelfAssessmentRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.selfAssess.handle({ ...(await this.target(p, caller)), comment: body.comment, ratings: (body.ratings ?? []).map(({ competency, rating }) => ({ competency, rating })) }, ctx);
  }

  @Post('delegation')
  @Roles('manager', 'hr', 'admin')
  @ApiCreatedResponse({ description: 'Assessment delegated' })
  async delegate(@Param() p: AppraisalParam, @Body() body: DelegateAssessmentRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.delegateTo.handle({ ...(await this.target(p, caller)), delegateId: employeeIdFor(body.delegateEmployeeNumber) }, ctx);
  }

  @Post('manager-assessment')
  @Roles('manager', 'admin')
  @ApiCreatedResponse({ description: 'Assessment recorded with each indicator score and its provenance' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not the manager or delegate, score outside scale, scorecard not ready' })
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed this appraisal at the same time' })
  async manager(@Param() p: AppraisalParam, @Body() body: ManagerAssessmentRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.assess.handle(
      {
        ...(await this.target(p, caller)),
        results: body.results.map(({ indicatorId, actual }) => ({ indicatorId, actual })),
        competencies: body.competencies.map(({ competency, rating, requiredLevel }) => ({ competency, rating, requiredLevel })),
        potential: body.potential,
        comment: body.comment,
      },
      ctx,
    );
  }

  @Post('feedback')
  @Roles('employee', 'manager', 'admin')
  @ApiCreatedResponse({ description: '360 feedback recorded; anonymous feedback names nobody' })
  async peer(@Param() p: AppraisalParam, @Body() body: PeerFeedbackRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    const result = await this.feedback.handle({ ...(await this.target(p, caller, null)), ...body }, ctx);
    return { appended: result.appended };
  }

  @Post('calibration')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiOkResponse({ description: 'Rating moved to another band; before, after and reason kept' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not in calibration, unknown band, not assessed' })
  async calibration(@Param() p: AppraisalParam, @Body() body: CalibrationRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.calibrate.handle({ ...(await this.target(p, caller)), toBand: body.toBand, reason: body.reason }, ctx);
  }

  @Post('acknowledgement')
  @HttpCode(200)
  @Roles('employee', 'admin')
  @ApiOkResponse({ description: 'The employee acknowledges the final appraisal' })
  async ack(@Param() p: AppraisalParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.acknowledge.handle(await this.target(p, caller), ctx);
  }

  @Post('dispute')
  @HttpCode(200)
  @Roles('employee', 'admin')
  @ApiOkResponse({ description: 'The employee disputes the final appraisal' })
  async dispute(@Param() p: AppraisalParam, @Body() body: DisputeRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.disputeAppraisal.handle({ ...(await this.target(p, caller)), reason: body.reason }, ctx);
  }

  @Post('dispute/resolution')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiOkResponse({ description: 'HR upholds or amends the disputed appraisal' })
  async resolution(@Param() p: AppraisalParam, @Body() body: ResolveDisputeRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.resolve.handle({ ...(await this.target(p, caller)), resolution: body.resolution, toBand: body.toBand ?? null, note: body.note }, ctx);
  }

  @Get()
  @Roles('employee', 'manager', 'hr', 'auditor', 'admin')
  @ApiOkResponse({ description: 'The appraisal (before/after calibration, response, 360), optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  async get(@Param() p: AppraisalParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    const { cycleId, employeeId } = await this.target(p, caller, 'read');
    // Named 360 feedback is for HR, auditors and the manager; the reviewee sees what was said, never by whom.
    const full = caller.employeeId !== employeeId && caller.roles.some((r) => r === 'hr' || r === 'auditor' || r === 'manager' || r === 'admin');
    return this.queries.appraisal(cycleId, employeeId, full ? 'full' : 'reviewee', q.asOf);
  }
}
