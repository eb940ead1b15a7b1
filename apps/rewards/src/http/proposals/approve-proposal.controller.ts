import { Controller, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { ApproveProposalHandler } from '@tpm/rewards-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ProposalParam } from '../dto/ids.dto';
import { proposalScope } from '../scope/record-units.resolver';

/** Approves the step that is waiting, if the caller holds its role; the last step reserves on the unit's budget. */
@ApiTags('rewards: proposals')
@Controller('rewards/proposals/:proposalId/approvals')
export class ApproveProposalController {
  constructor(private readonly approve: ApproveProposalHandler) {}

  @Post()
  @Roles('manager', 'hr', 'executive', 'admin')
  @RecordScope(proposalScope('own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'BUDGET_CAP_EXCEEDED (rule budget-cap), APPROVAL_STEP_ROLE_REQUIRED, APPROVER_ALREADY_APPROVED, PROPOSAL_NOT_OPEN' })
  @ApiConflictResponse({ type: ApiError, description: 'Lost a race the server could not resolve by retrying' })
  create(@Param() p: ProposalParam, @Ctx() ctx: RequestContext) {
    return this.approve.handle({ proposalId: p.proposalId }, ctx);
  }
}
