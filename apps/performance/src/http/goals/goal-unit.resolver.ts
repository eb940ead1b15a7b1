import { Injectable } from '@nestjs/common';
import { param, Scope, type RecordUnitResolver } from '@tpm/auth';
import { AppraisalQueries } from '@tpm/performance-application';

/** A unit goal belongs to its unit; a strategic goal (no unit) is the organization's shared direction. A goal that does not exist is a 404. */
@Injectable()
export class GoalUnit implements RecordUnitResolver {
  constructor(private readonly queries: AppraisalQueries) {}

  async unitOf(goalId: string): Promise<string | null> {
    return (await this.queries.goal(goalId)).businessUnitId;
  }
}

/**
 * The goal a route names (`:goalId`): strategic goals are read by every role the route admits;
 * a unit goal within the caller's units, or by an employee of that unit or one below it.
 */
export const goalReadScope = Scope.record(GoalUnit, param('goalId'), 'read', { ofWholeOrganization: 'shared', reachFromOwnUnit: true });
