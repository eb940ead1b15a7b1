import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tpm/auth';
import { topicOf } from '@tpm/contracts';
import type { EventStore } from '@tpm/event-store';
import { systemClock, type Clock } from '@tpm/kernel';
import { MessagingModule } from '@tpm/messaging';
import { OrgDirectory } from '@tpm/org-reference';
import { ProjectionsModule } from '@tpm/projections';
import { CLOCK, commandHandlers, EVENT_STORE, EventStoreModule, HistoryController, KAFKA, loadServiceConfig, PG_POOL, ServiceKitModule } from '@tpm/service-kit';
import {
  DEFAULT_PLAN_SETTINGS,
  DifficultyHandler,
  EngagementHandler,
  ImprovementPlanHandler,
  MonthlyReviewHandler,
  PrivateNoteHandler,
  SessionHandler,
  type ImprovementPlanSettings,
} from '@tpm/coaching-application';
import { COACHING_PERSONAL_DATA } from '@tpm/coaching-domain';
import { CoachingQueries, coachingProjectionRegistrations, coachingPublished, openCoachingReadDatabase } from '@tpm/coaching-infrastructure';
import type { Pool } from 'pg';
import { CoachingLifecycle } from './coaching.lifecycle';
import { CoachingViews } from './http/coaching-views.query';
import { DifficultiesController, DifficultyCommandsController, DifficultyController } from './http/difficulties/difficulty-commands.controller';
import { EngagementCommandsController } from './http/engagements/engagement-commands.controller';
import { EngagementController, EngagementsController } from './http/engagements/engagements.controller';
import {
  ImprovementPlanCommandsController,
  ImprovementPlanController,
  ImprovementPlansController,
  PlanAcknowledgementController,
} from './http/improvement-plans/improvement-plan-commands.controller';
import { MonthlyReviewCommandsController, MonthlyReviewController, MonthlyReviewsController } from './http/monthly-reviews/monthly-reviews.controller';
import { PrivateNoteCommandsController, PrivateNoteController, PrivateNoteRevisionsController } from './http/private-notes/private-notes.controller';
import { CoacheeAccess } from './http/scope/coachee-access';
import { COACHING_UNIT_RESOLVERS } from './http/scope/coaching-units.resolver';
import { AgendaController } from './http/sessions/agenda.controller';
import { SessionCommandsController } from './http/sessions/session-commands.controller';
import { SessionController } from './http/sessions/session.controller';
import { CoachingReactions } from './messaging/coaching.reactions';
import { PLAN_SETTINGS } from './tokens';

/** How improvement plans run, from the environment. */
const planSettings = (env = process.env): ImprovementPlanSettings => ({
  bandRankThreshold: Number(env.COACHING_PIP_BAND_RANK_THRESHOLD ?? DEFAULT_PLAN_SETTINGS.bandRankThreshold),
  durationDays: Number(env.COACHING_PIP_DAYS ?? DEFAULT_PLAN_SETTINGS.durationDays),
  maxExtensions: Number(env.COACHING_PIP_MAX_EXTENSIONS ?? DEFAULT_PLAN_SETTINGS.maxExtensions),
});

/**
 * The coaching service: engagements with a matched style, 1:1s, difficulties, private notes,
 * monthly reviews and improvement plans on its own event store (personal text encrypted per
 * person); its log relayed to `coaching.events`/`coaching.log`; it reacts to performance
 * (appraisals, org) and training (completions). The org reactions live in CoachingReactions,
 * because transfer and offboarding do more here and one event type has one reaction per service.
 */
@Module({})
export class CoachingModule {
  /** Tests pass a ManualClock: deadlines then move when the test moves time. */
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return {
      module: CoachingModule,
      imports: [
        ServiceKitModule.forService('coaching'),
        AuthModule.forService({ poolToken: PG_POOL }),
        EventStoreModule.forService({ personalData: COACHING_PERSONAL_DATA }),
        ProjectionsModule.forService({ openDatabase: openCoachingReadDatabase, registrations: coachingProjectionRegistrations }),
        MessagingModule.forService({
          context: 'coaching',
          storeToken: EVENT_STORE,
          poolToken: PG_POOL,
          kafkaToken: KAFKA,
          partitions: loadServiceConfig('coaching').kafkaPartitions,
          consumes: [topicOf('performance'), topicOf('training')],
          relay: { published: coachingPublished },
        }),
      ],
      controllers: [
        EngagementCommandsController,
        EngagementsController,
        EngagementController,
        SessionCommandsController,
        AgendaController,
        SessionController,
        DifficultyCommandsController,
        DifficultiesController,
        DifficultyController,
        PrivateNoteCommandsController,
        PrivateNoteController,
        PrivateNoteRevisionsController,
        MonthlyReviewCommandsController,
        MonthlyReviewsController,
        MonthlyReviewController,
        ImprovementPlanCommandsController,
        PlanAcknowledgementController,
        ImprovementPlansController,
        ImprovementPlanController,
        HistoryController,
      ],
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: PLAN_SETTINGS, useFactory: () => planSettings() },
        ...commandHandlers([DifficultyHandler, PrivateNoteHandler]),
        { provide: OrgDirectory, inject: [PG_POOL], useFactory: (pool: Pool) => new OrgDirectory(pool) },
        { provide: CoachingQueries, inject: [PG_POOL], useFactory: (pool: Pool) => new CoachingQueries(pool) },
        {
          provide: EngagementHandler,
          inject: [EVENT_STORE, CLOCK, OrgDirectory, CoachingQueries, CoachingLifecycle],
          // Evidence is read after the read model caught up with everything committed (the request's own writes included).
          useFactory: (s: EventStore, c: Clock, org: OrgDirectory, q: CoachingQueries, l: CoachingLifecycle) =>
            new EngagementHandler(s, c, org, { inputsFor: async (id, coachee) => (await l.readModel.catchUp(), q.inputsFor(id, coachee)) }),
        },
        {
          provide: SessionHandler,
          inject: [EVENT_STORE, CLOCK, CoachingQueries, CoachingLifecycle],
          useFactory: (s: EventStore, c: Clock, q: CoachingQueries, l: CoachingLifecycle) =>
            new SessionHandler(s, c, {
              lastEndedSession: async (id) => (await l.readModel.catchUp(), q.lastEndedSession(id)),
              openActionItems: async (id) => (await l.readModel.catchUp(), q.openActionItems(id)),
            }),
        },
        { provide: MonthlyReviewHandler, inject: [EVENT_STORE, CLOCK, OrgDirectory], useFactory: (s: EventStore, c: Clock, org: OrgDirectory) => new MonthlyReviewHandler(s, c, org) },
        {
          provide: ImprovementPlanHandler,
          inject: [EVENT_STORE, CLOCK, OrgDirectory, PLAN_SETTINGS],
          useFactory: (s: EventStore, c: Clock, org: OrgDirectory, p: ImprovementPlanSettings) => new ImprovementPlanHandler(s, c, org, p),
        },
        ...COACHING_UNIT_RESOLVERS,
        CoacheeAccess,
        CoachingViews,
        CoachingReactions,
        CoachingLifecycle,
      ],
    };
  }
}

@Module({ imports: [CoachingModule.forRoot()] })
export class AppModule {}
