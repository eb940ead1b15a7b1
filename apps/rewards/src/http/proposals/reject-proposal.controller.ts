import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { RejectProposalHandler } from '@tpm/rewards-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ProposalParam } from '../dto/ids.dto';
import { RejectProposalRequest } from '../dto/proposal.dto';
import { proposalScope } from '../scope/record-units.resolver';

@ApiTags('rewards: proposals')
@Controller('rewards/proposals/:proposalId/rejections')
export class RejectProposalController {
  constructor(private readonly handler: RejectProposalHandler) {}

  @Post()
  @Roles('manager', 'hr', 'executive', 'admin')
  @RecordScope(proposalScope('own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'APPROVAL_STEP_ROLE_REQUIRED, PROPOSAL_NOT_OPEN' })
  create(@Param() p: ProposalParam, @Body() b: RejectProposalRequest, @Ctx() ctx: RequestContext) {
    return this.handler.handle({ proposalId: p.proposalId, ...b }, ctx);
  }
}
