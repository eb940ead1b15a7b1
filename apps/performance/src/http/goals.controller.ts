import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ACCESS_POLICY, Caller, Roles, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { AppraisalQueries, CascadeGoalHandler, SetStrategicGoalHandler } from '@tpm/performance-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { AsOfQuery } from './dto/employee.dto';
import { CascadeGoalRequest, SetStrategicGoalRequest } from './dto/goal.dto';
import { GoalParam, PeriodQuery } from './dto/performance-ids.dto';

/**
 * Strategic goals, their cascade to business units, and the alignment tree down to objectives.
 * Goals are the organization's shared direction: every role reads them. Cascading writes into a
 * unit (write scope on it); the alignment tree shows a scoped reader only their units' objectives.
 */
@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class GoalsController {
  constructor(
    private readonly setGoal: SetStrategicGoalHandler,
    private readonly cascadeGoal: CascadeGoalHandler,
    private readonly queries: AppraisalQueries,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  @Post()
  @Roles('executive', 'admin')
  @ApiCreatedResponse({ description: 'Strategic goal set (appended 0 when set identically before)' })
  @ApiConflictResponse({ type: ApiError })
  create(@Body() body: SetStrategicGoalRequest, @Ctx() ctx: RequestContext) {
    return this.setGoal.handle(body, ctx);
  }

  @Post(':goalId/cascades')
  @Roles('hr', 'manager', 'admin')
  @ApiCreatedResponse({ description: 'A business-unit goal cascaded from this one' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Unknown parent goal or business unit; unit outside the parent goal unit subtree' })
  async cascade(@Param() p: GoalParam, @Body() body: CascadeGoalRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.access.assertBusinessUnit(caller, body.businessUnitId, 'write');
    return this.cascadeGoal.handle({ ...body, parentGoalId: p.goalId }, ctx);
  }

  @Get('alignment')
  @Roles('executive', 'hr', 'manager', 'analyst', 'auditor', 'admin')
  @ApiOkResponse({ description: 'Strategic goals -> unit goals -> employee objectives, with orphan objectives apart' })
  async alignment(@Query() q: PeriodQuery, @Caller() caller: Actor) {
    const tree = await this.queries.alignment(q.period);
    const readable = await this.access.readableBusinessUnits(caller);
    if (readable === null) return tree;
    // A scoped reader sees the goals and the objectives of people in their units only.
    const units = new Set(readable);
    const ids = new Set<string>(tree.orphans.map((o) => o.employeeId));
    const collect = (n: (typeof tree.roots)[number]): void => {
      n.objectives.forEach((o) => ids.add(o.employeeId));
      n.children.forEach(collect);
    };
    tree.roots.forEach(collect);
    const unitOf = await this.access.employeeUnits([...ids]);
    const visible = (o: { employeeId: string }) => units.has(unitOf.get(o.employeeId) ?? '');
    const prune = (n: (typeof tree.roots)[number]): (typeof tree.roots)[number] => ({ ...n, objectives: n.objectives.filter(visible), children: n.children.filter((c) => c.businessUnitId === null || units.has(c.businessUnitId)).map(prune) });
    return { ...tree, roots: tree.roots.map(prune), orphans: tree.orphans.filter(visible) };
  }

  @Get(':goalId')
  @Roles('executive', 'hr', 'manager', 'employee', 'analyst', 'auditor', 'admin')
  @ApiOkResponse({ description: 'The goal, optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  get(@Param() p: GoalParam, @Query() q: AsOfQuery) {
    return this.queries.goal(p.goalId, q.asOf);
  }
}
