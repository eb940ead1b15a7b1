import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { AdjustProposalHandler } from '@tpm/rewards-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ProposalParam } from '../dto/ids.dto';
import { AdjustProposalRequest } from '../dto/proposal.dto';
import { proposalScope } from '../scope/record-units.resolver';

@ApiTags('rewards: proposals')
@Controller('rewards/proposals/:proposalId/adjustments')
export class AdjustProposalController {
  constructor(private readonly handler: AdjustProposalHandler) {}

  @Post()
  @Roles('manager', 'hr', 'admin')
  @RecordScope(proposalScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'ADJUSTMENT_OUT_OF_POLICY_RANGE, ADJUSTMENT_AFTER_APPROVAL, PROPOSAL_NOT_OPEN' })
  create(@Param() p: ProposalParam, @Body() b: AdjustProposalRequest, @Ctx() ctx: RequestContext) {
    return this.handler.handle({ proposalId: p.proposalId, ...b }, ctx);
  }
}
