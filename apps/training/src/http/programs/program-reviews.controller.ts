import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { ProgramReviewHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ReviewParam } from '../dto/ids.dto';
import { programScope } from '../scope/program-unit.resolver';
import { ImprovementActionRequest, ReviseProgramRequest } from '../dto/program.dto';

@ApiTags('training: programs')
@Controller('training/programs/:programId/reviews/:reviewId')
export class ProgramReviewsController {
  constructor(private readonly reviews: ProgramReviewHandler) {}

  @Post('actions')
  @Roles('hr', 'admin')
  @RecordScope(programScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  action(@Param() p: ReviewParam, @Body() body: ImprovementActionRequest, @Ctx() ctx: RequestContext) {
    return this.reviews.recordAction(p.programId, { reviewId: p.reviewId, ...body }, ctx);
  }

  @Post('next-version')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @RecordScope(programScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  nextVersion(@Param() p: ReviewParam, @Body() body: ReviseProgramRequest, @Ctx() ctx: RequestContext) {
    return this.reviews.reviseFromReview(p.programId, { reviewId: p.reviewId, changes: body.changes }, ctx);
  }
}
