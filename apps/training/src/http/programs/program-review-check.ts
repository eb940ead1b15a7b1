import { Injectable } from '@nestjs/common';
import { ProgramReviewHandler } from '@tpm/training-application';
import type { RequestContext } from '@tpm/service-kit';
import { ProgramEvaluationsQuery } from './program-evaluations.query';

/** The review check of step 8: the handler decides on the program's evaluation figures as the read model has them. */
@Injectable()
export class ProgramReviewCheck {
  constructor(
    private readonly reviews: ProgramReviewHandler,
    private readonly programs: ProgramEvaluationsQuery,
  ) {}

  async handle(programId: string, ctx: RequestContext) {
    return this.reviews.check(programId, await this.programs.evaluationStats(programId), ctx);
  }
}
