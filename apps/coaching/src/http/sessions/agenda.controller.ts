import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { SessionHandler } from '@tpm/coaching-application';
import { Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { TalkingPointRequest } from '../dto/coaching.dto';
import { ActionItemParam, SessionParam } from '../dto/ids.dto';
import { CoachingViews } from '../coaching-views.query';
import { sessionScope } from '../scope/coaching-units.resolver';

/** What both sides do: add talking points to the shared agenda; the owner of an action item marks it done. */
@ApiTags('coaching: sessions')
@ApiBearerAuth()
@Controller('coaching/sessions/:sessionId')
export class AgendaController {
  constructor(
    private readonly sessions: SessionHandler,
    private readonly views: CoachingViews,
  ) {}

  @Post('agenda')
  @Roles('employee', 'coach', 'manager', 'admin')
  @RecordScope(sessionScope('own-work', 'employee'))
  async addPoint(@Param() p: SessionParam, @Body() b: TalkingPointRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.views.assertCoacheeOrScope('session', p.sessionId, caller);
    const side = caller.roles.some((r) => r === 'coach' || r === 'manager' || r === 'admin') && !(await this.isCoachee(p.sessionId, caller)) ? 'coach' : 'coachee';
    return this.sessions.addTalkingPoint(p.sessionId, { ...b, side }, ctx);
  }

  @Post('action-items/:actionItemId/completion')
  @HttpCode(200)
  @Roles('employee', 'coach', 'manager', 'admin')
  @RecordScope(sessionScope('own-work', 'employee'))
  async complete(@Param() p: ActionItemParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.views.assertCoacheeOrScope('action-item', p.sessionId, caller, p.actionItemId);
    return this.sessions.completeActionItem(p.sessionId, p.actionItemId, ctx);
  }

  private async isCoachee(sessionId: string, caller: Actor) {
    const s = await this.views.session(sessionId, caller);
    return caller.employeeId === s.coacheeId;
  }
}
