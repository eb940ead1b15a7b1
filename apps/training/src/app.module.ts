import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { AuthModule } from '@tpm/auth';
import { topicOf } from '@tpm/contracts';
import type { EventStore } from '@tpm/event-store';
import { systemClock, type Clock } from '@tpm/kernel';
import { MessagingModule } from '@tpm/messaging';
import { OrgDirectory } from '@tpm/org-reference';
import { EVENT_STORE, EventStoreModule, HistoryController, KAFKA, PG_POOL, ServiceKitModule, loadServiceConfig } from '@tpm/service-kit';
import {
  BookResourceHandler,
  DefineProgramHandler,
  EnrolEmployeeHandler,
  EvaluationHandler,
  FollowUpHandler,
  IdentifyNeedHandler,
  MeetNeedHandler,
  ObsoleteNeedHandler,
  PlanCommandHandler,
  ProgramReviewHandler,
  RegisterResourceHandler,
  ReleaseBookingHandler,
  ReviseProgramHandler,
  ScheduleSessionHandler,
  SessionCommandHandler,
} from '@tpm/training-application';
import { DEFAULT_REVIEW_THRESHOLDS, type ReviewThresholds } from '@tpm/training-domain';
import { TrainingQueries, trainingPublished } from '@tpm/training-infrastructure';
import type { Pool } from 'pg';
import { EnrolmentsController } from './http/enrolments.controller';
import { EvaluationsController } from './http/evaluations.controller';
import { FollowUpsController } from './http/follow-ups.controller';
import { NeedsController } from './http/needs.controller';
import { PlansController } from './http/plans.controller';
import { ProgramsController } from './http/programs.controller';
import { ResourcesController } from './http/resources.controller';
import { SessionsController } from './http/sessions.controller';
import { TrainingScope } from './http/training-scope';
import { TrainingReactions } from './messaging/training.reactions';
import { TrainingLifecycle } from './training.lifecycle';
import { CLOCK, REVIEW_THRESHOLDS } from './tokens';

type HandlerClass = new (store: EventStore, clock: Clock) => unknown;
const handler = (cls: HandlerClass): Provider => ({ provide: cls, inject: [EVENT_STORE, CLOCK], useFactory: (s: EventStore, c: Clock) => new cls(s, c) });

/** Thresholds below which a program is flagged for review (step 8), from the environment. */
const reviewThresholds = (env = process.env): ReviewThresholds => ({
  minReactionAverage: Number(env.TRAINING_REVIEW_MIN_L1 ?? DEFAULT_REVIEW_THRESHOLDS.minReactionAverage),
  minLearningGain: Number(env.TRAINING_REVIEW_MIN_L2_GAIN ?? DEFAULT_REVIEW_THRESHOLDS.minLearningGain),
  minResultEffect: Number(env.TRAINING_REVIEW_MIN_L4_EFFECT ?? DEFAULT_REVIEW_THRESHOLDS.minResultEffect),
});

/**
 * The training service: the eight-step loop on its own event store and database; its log is
 * relayed to `training.events`; it reacts to performance (org, appraisals) and coaching
 * (difficulties). The org reactions live in TrainingReactions, because offboarding also
 * withdraws enrolments and one event type has one reaction per service.
 */
@Module({})
export class TrainingModule {
  /** Tests pass a ManualClock: time-driven steps then move when the test moves time. */
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return {
      module: TrainingModule,
      imports: [
        ServiceKitModule.forService('training'),
        AuthModule.forService({ poolToken: PG_POOL }),
        EventStoreModule.forService(),
        MessagingModule.forService({
          context: 'training',
          storeToken: EVENT_STORE,
          poolToken: PG_POOL,
          kafkaToken: KAFKA,
          partitions: loadServiceConfig('training').kafkaPartitions,
          consumes: [topicOf('performance'), topicOf('coaching')],
          relay: { published: trainingPublished },
        }),
      ],
      controllers: [
        NeedsController,
        PlansController,
        ProgramsController,
        ResourcesController,
        SessionsController,
        EnrolmentsController,
        EvaluationsController,
        FollowUpsController,
        HistoryController,
      ],
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: REVIEW_THRESHOLDS, useFactory: () => reviewThresholds() },
        ...[
          IdentifyNeedHandler,
          MeetNeedHandler,
          ObsoleteNeedHandler,
          PlanCommandHandler,
          DefineProgramHandler,
          ReviseProgramHandler,
          RegisterResourceHandler,
          BookResourceHandler,
          ReleaseBookingHandler,
          ScheduleSessionHandler,
          SessionCommandHandler,
          EvaluationHandler,
          FollowUpHandler,
        ].map(handler),
        { provide: OrgDirectory, inject: [PG_POOL], useFactory: (pool: Pool) => new OrgDirectory(pool) },
        { provide: TrainingQueries, inject: [PG_POOL], useFactory: (pool: Pool) => new TrainingQueries(pool) },
        {
          provide: EnrolEmployeeHandler,
          inject: [EVENT_STORE, CLOCK, OrgDirectory, TrainingQueries],
          useFactory: (s: EventStore, c: Clock, org: OrgDirectory, q: TrainingQueries) => new EnrolEmployeeHandler(s, c, org, q),
        },
        {
          provide: ProgramReviewHandler,
          inject: [EVENT_STORE, CLOCK, REVIEW_THRESHOLDS],
          useFactory: (s: EventStore, c: Clock, t: ReviewThresholds) => new ProgramReviewHandler(s, c, t),
        },
        TrainingScope,
        TrainingReactions,
        TrainingLifecycle,
      ],
    };
  }
}

@Module({ imports: [TrainingModule.forRoot()] })
export class AppModule {}
