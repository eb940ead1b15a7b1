import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tpm/auth';
import { topicOf } from '@tpm/contracts';
import type { EventStore } from '@tpm/event-store';
import { systemClock, type Clock } from '@tpm/kernel';
import { MessagingModule } from '@tpm/messaging';
import { ProjectionsModule } from '@tpm/projections';
import { OrgDirectory } from '@tpm/org-reference';
import { EVENT_STORE, EventStoreModule, HistoryController, KAFKA, PG_POOL, ServiceKitModule, loadServiceConfig, CLOCK, commandHandlers } from '@tpm/service-kit';
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
import { openTrainingReadDatabase, trainingProjectionRegistrations, TrainingQueries, trainingPersonalData, trainingPublished } from '@tpm/training-infrastructure';
import type { Pool } from 'pg';
import { IdentifyNeedController } from './http/needs/identify-need.controller';
import { NeedsController } from './http/needs/needs.controller';
import { ObsoleteNeedController } from './http/needs/obsolete-need.controller';
import { PlanCommandsController } from './http/plans/plan-commands.controller';
import { PlanController } from './http/plans/plan.controller';
import { DefineProgramController } from './http/programs/define-program.controller';
import { ProgramController } from './http/programs/program.controller';
import { ProgramEvaluationsQuery } from './http/programs/program-evaluations.query';
import { ProgramReviewCheck } from './http/programs/program-review-check';
import { ProgramReviewCheckController } from './http/programs/program-review-check.controller';
import { ProgramReviewsController } from './http/programs/program-reviews.controller';
import { ReviseProgramController } from './http/programs/revise-program.controller';
import { BookResourceController } from './http/resources/book-resource.controller';
import { RegisterResourceController } from './http/resources/register-resource.controller';
import { ReleaseBookingController } from './http/resources/release-booking.controller';
import { ResourceController } from './http/resources/resource.controller';
import { PlanUnit } from './http/scope/plan-unit.resolver';
import { ProgramUnit } from './http/scope/program-unit.resolver';
import { ResourceUnit } from './http/scope/resource-unit.resolver';
import { SessionUnit } from './http/scope/session-unit.resolver';
import { EnrolEmployeeController } from './http/sessions/enrol-employee.controller';
import { EvaluationsController } from './http/sessions/evaluations.controller';
import { FollowUpChecksController } from './http/sessions/follow-up-checks.controller';
import { FollowUpController } from './http/sessions/follow-up.controller';
import { RosterController } from './http/sessions/roster.controller';
import { ScheduleSessionController } from './http/sessions/schedule-session.controller';
import { SessionCommandsController } from './http/sessions/session-commands.controller';
import { SessionController } from './http/sessions/session.controller';
import { SessionView } from './http/sessions/session-view.query';
import { WithdrawEnrolmentController } from './http/sessions/withdraw-enrolment.controller';
import { TrainingReactions } from './messaging/training.reactions';
import { TrainingLifecycle } from './training.lifecycle';
import { REVIEW_THRESHOLDS } from './tokens';

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
        EventStoreModule.forService({ personalData: trainingPersonalData }),
        // The read model (from the store), the appraisals (from performance.events), GET /projections.
        ProjectionsModule.forService({
          openDatabase: openTrainingReadDatabase,
          registrations: trainingProjectionRegistrations,
          topics: () => [topicOf('performance')],
        }),
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
        // One collaborator per controller (http/<resource>/<use-case>.controller.ts).
        NeedsController,
        IdentifyNeedController,
        ObsoleteNeedController,
        PlanCommandsController,
        PlanController,
        DefineProgramController,
        ProgramController,
        ReviseProgramController,
        ProgramReviewCheckController,
        ProgramReviewsController,
        RegisterResourceController,
        BookResourceController,
        ReleaseBookingController,
        ResourceController,
        ScheduleSessionController,
        SessionController,
        SessionCommandsController,
        EnrolEmployeeController,
        WithdrawEnrolmentController,
        RosterController,
        EvaluationsController,
        FollowUpController,
        FollowUpChecksController,
        HistoryController,
      ],
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: REVIEW_THRESHOLDS, useFactory: () => reviewThresholds() },
        ...commandHandlers([
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
        ]),
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
        SessionUnit,
        PlanUnit,
        ProgramUnit,
        ResourceUnit,
        SessionView,
        ProgramEvaluationsQuery,
        ProgramReviewCheck,
        TrainingReactions,
        TrainingLifecycle,
      ],
    };
  }
}

@Module({ imports: [TrainingModule.forRoot()] })
export class AppModule {}
