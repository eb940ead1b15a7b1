import { EraseEmployeeController } from './http/privacy/erase-employee.controller';
import { Module, type Provider } from '@nestjs/common';
import { topicOf } from '@tpm/contracts';
import { systemClock, type Clock } from '@tpm/kernel';
import { survivePgConnectionErrors, type EventStore, type PersonalDataKeys } from '@tpm/event-store';
import { createLogger } from '@tpm/logging';
import { AuthModule } from '@tpm/auth';
import { MessagingModule } from '@tpm/messaging';
import { OrgReferenceModule } from '@tpm/org-reference';
import { ProjectionHost, ProjectionsModule, type StoreProjectionRunner } from '@tpm/projections';
import {
  openPerformanceReadDatabase,
  PERFORMANCE_READ,
  PERFORMANCE_UPCASTERS,
  performancePersonalData,
  performanceProjectionRegistrations,
  PostgresAnonymousFeedbackHoldingArea,
  PostgresPerformanceReadModel,
  performancePublished,
} from '@tpm/performance-infrastructure';
import { DataSource } from 'typeorm';
import { Pool } from 'pg';
import {
  AcknowledgeAppraisalHandler,
  AdjustObjectiveWeightsHandler,
  AdvanceAppraisalStageHandler,
  AppraisalQueries,
  ApproveNominationHandler,
  AssignObjectiveHandler,
  CalibrateRatingHandler,
  CascadeGoalHandler,
  ChangeManagerHandler,
  DefineIndicatorHandler,
  DelegateAssessmentHandler,
  DisputeAppraisalHandler,
  EnrolCycleParticipantsHandler,
  FinalizeCycleHandler,
  ImportEmployeesHandler,
  NominateReviewerHandler,
  OpenAppraisalCycleHandler,
  RecordTrainingEvidenceReaction,
  ReleaseAnonymousFeedbackHandler,
  ReportProgressHandler,
  ResolveAppraisalDisputeHandler,
  SetStrategicGoalHandler,
  SubmitAnonymousFeedbackHandler,
  SubmitManagerAssessmentHandler,
  SubmitPeerFeedbackHandler,
  SubmitSelfAssessmentHandler,
  OffboardEmployeeHandler,
  OnboardEmployeeHandler,
  RegisterBusinessUnitHandler,
  RenameBusinessUnitHandler,
  ReparentBusinessUnitHandler,
  TransferEmployeeHandler,
  EraseEmployeeHandler,
  type PerformanceReadModel,
} from '@tpm/performance-application';
import { EVENT_STORE, PERSONAL_DATA_KEYS, EventStoreModule, HistoryController, KAFKA, PG_POOL, SERVICE_CONFIG, ServiceKitModule, loadServiceConfig, CLOCK, commandHandlers, type ServiceConfig } from '@tpm/service-kit';
import { AdvanceAppraisalStageController } from './http/appraisal-cycles/advance-appraisal-stage.controller';
import { AppraisalCycleController } from './http/appraisal-cycles/appraisal-cycle.controller';
import { CycleUnit } from './http/appraisal-cycles/cycle-unit.resolver';
import { GoalUnit } from './http/goals/goal-unit.resolver';
import { EnrolCycleParticipantsController } from './http/appraisal-cycles/enrol-cycle-participants.controller';
import { FinalizeCycleController } from './http/appraisal-cycles/finalize-cycle.controller';
import { OpenAppraisalCycleController } from './http/appraisal-cycles/open-appraisal-cycle.controller';
import { AnonymousFeedbackLifecycle } from './anonymous-feedback.lifecycle';
import { AcknowledgeAppraisalController } from './http/appraisals/acknowledge-appraisal.controller';
import { ApproveNominationController } from './http/appraisals/approve-nomination.controller';
import { AppraisalController } from './http/appraisals/appraisal.controller';
import { CalibrateRatingController } from './http/appraisals/calibrate-rating.controller';
import { DelegateAssessmentController } from './http/appraisals/delegate-assessment.controller';
import { DisputeAppraisalController } from './http/appraisals/dispute-appraisal.controller';
import { NominateReviewerController } from './http/appraisals/nominate-reviewer.controller';
import { ResolveAppraisalDisputeController } from './http/appraisals/resolve-appraisal-dispute.controller';
import { ANONYMOUS_FEEDBACK_ROUTE, SubmitAnonymousFeedbackController } from './http/appraisals/submit-anonymous-feedback.controller';
import { SubmitManagerAssessmentController } from './http/appraisals/submit-manager-assessment.controller';
import { SubmitPeerFeedbackController } from './http/appraisals/submit-peer-feedback.controller';
import { SubmitSelfAssessmentController } from './http/appraisals/submit-self-assessment.controller';
import { CascadeGoalController } from './http/goals/cascade-goal.controller';
import { GoalAlignmentController } from './http/goals/goal-alignment.controller';
import { GoalController } from './http/goals/goal.controller';
import { SetStrategicGoalController } from './http/goals/set-strategic-goal.controller';
import { VisibleAlignmentQuery } from './http/goals/visible-alignment.query';
import { BusinessUnitController } from './http/org/business-unit.controller';
import { ChangeManagerController } from './http/org/change-manager.controller';
import { EmployeeController } from './http/org/employee.controller';
import { ImportEmployeesController } from './http/org/import-employees.controller';
import { OffboardEmployeeController } from './http/org/offboard-employee.controller';
import { OnboardEmployeeController } from './http/org/onboard-employee.controller';
import { RegisterBusinessUnitController } from './http/org/register-business-unit.controller';
import { RenameBusinessUnitController } from './http/org/rename-business-unit.controller';
import { ReparentBusinessUnitController } from './http/org/reparent-business-unit.controller';
import { ScopedEmployeeImport } from './http/org/scoped-employee-import';
import { TransferEmployeeController } from './http/org/transfer-employee.controller';
import { AdjustWeightsController } from './http/scorecards/adjust-weights.controller';
import { AssignObjectiveController } from './http/scorecards/assign-objective.controller';
import { DefineIndicatorController } from './http/scorecards/define-indicator.controller';
import { ReportProgressController } from './http/scorecards/report-progress.controller';
import { ScorecardController } from './http/scorecards/scorecard.controller';
import { TrainingEvidenceReactions } from './messaging/training-evidence.reactions';

const PERFORMANCE_READS = Symbol('PERFORMANCE_READS');

/** Handlers that take the store, the clock and the read model. */
const readModelHandlers = (classes: (new (store: EventStore, clock: Clock, reads: PerformanceReadModel) => unknown)[]): Provider[] =>
  classes.map((cls) => ({ provide: cls, inject: [EVENT_STORE, CLOCK, PERFORMANCE_READS], useFactory: (s: EventStore, c: Clock, r: PerformanceReadModel) => new cls(s, c, r) }));

/**
 * The performance service: the organization (business-unit tree, employees, HRIS import), goals,
 * scorecards and appraisal cycles. Its log is relayed to `performance.events`, where every other
 * context learns the org and the finalized appraisals; it reacts to `training.events`.
 */
@Module({
  imports: [
    // Anonymous feedback is the named exception to tracing and request logging.
    ServiceKitModule.forService('performance', {}, { untracedRoutes: [ANONYMOUS_FEEDBACK_ROUTE] }),
    AuthModule.forService({ poolToken: PG_POOL }),
    EventStoreModule.forService({ upcasters: PERFORMANCE_UPCASTERS, personalData: performancePersonalData }),
    OrgReferenceModule.forPool(PG_POOL, SERVICE_CONFIG),
    // The performance read model (from the store: cycles, appraisal figures, goals, org facts), GET /projections.
    ProjectionsModule.forService({ openDatabase: openPerformanceReadDatabase, registrations: performanceProjectionRegistrations }),
    MessagingModule.forService({
      context: 'performance',
      storeToken: EVENT_STORE,
      poolToken: PG_POOL,
      kafkaToken: KAFKA,
      partitions: loadServiceConfig('performance').kafkaPartitions,
      consumes: [topicOf('performance'), topicOf('training')],
      relay: { published: performancePublished },
    }),
  ],
  controllers: [
    // One controller per use case (http/<resource>/<use-case>.controller.ts), each with one collaborator.
    RegisterBusinessUnitController,
    ReparentBusinessUnitController,
    RenameBusinessUnitController,
    BusinessUnitController,
    OnboardEmployeeController,
    ImportEmployeesController,
    TransferEmployeeController,
    ChangeManagerController,
    OffboardEmployeeController,
    EmployeeController,
    EraseEmployeeController,
    HistoryController,
    SetStrategicGoalController,
    CascadeGoalController,
    // Before GoalController: `goals/:goalId` would otherwise answer `goals/alignment`.
    GoalAlignmentController,
    GoalController,
    AssignObjectiveController,
    DefineIndicatorController,
    AdjustWeightsController,
    ReportProgressController,
    ScorecardController,
    OpenAppraisalCycleController,
    EnrolCycleParticipantsController,
    AdvanceAppraisalStageController,
    FinalizeCycleController,
    AppraisalCycleController,
    SubmitSelfAssessmentController,
    DelegateAssessmentController,
    SubmitManagerAssessmentController,
    NominateReviewerController,
    ApproveNominationController,
    SubmitPeerFeedbackController,
    SubmitAnonymousFeedbackController,
    CalibrateRatingController,
    AcknowledgeAppraisalController,
    DisputeAppraisalController,
    ResolveAppraisalDisputeController,
    AppraisalController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    ...commandHandlers([
      RegisterBusinessUnitHandler,
      ReparentBusinessUnitHandler,
      RenameBusinessUnitHandler,
      OnboardEmployeeHandler,
      TransferEmployeeHandler,
      ChangeManagerHandler,
      OffboardEmployeeHandler,
    ]),
    ...commandHandlers([ImportEmployeesHandler, SetStrategicGoalHandler, CascadeGoalHandler, RecordTrainingEvidenceReaction]),
    // The read model every cross-aggregate fact comes from, fresh to the command's known position (ADR 0025).
    {
      provide: PERFORMANCE_READS,
      inject: [DataSource, EVENT_STORE, ProjectionHost],
      useFactory: (db: DataSource, store: EventStore, host: ProjectionHost): PerformanceReadModel =>
        new PostgresPerformanceReadModel(db, store, host.get<StoreProjectionRunner>(PERFORMANCE_READ)),
    },
    ...readModelHandlers([
      AssignObjectiveHandler,
      DefineIndicatorHandler,
      AdjustObjectiveWeightsHandler,
      ReportProgressHandler,
      OpenAppraisalCycleHandler,
      SubmitSelfAssessmentHandler,
      DelegateAssessmentHandler,
      SubmitManagerAssessmentHandler,
      NominateReviewerHandler,
      ApproveNominationHandler,
      CalibrateRatingHandler,
      FinalizeCycleHandler,
      AcknowledgeAppraisalHandler,
      DisputeAppraisalHandler,
      ResolveAppraisalDisputeHandler,
      EnrolCycleParticipantsHandler,
    ]),
    {
      provide: EraseEmployeeHandler,
      inject: [EVENT_STORE, CLOCK, PERSONAL_DATA_KEYS, PostgresAnonymousFeedbackHoldingArea],
      useFactory: (s: EventStore, c: Clock, keys: PersonalDataKeys, hold: PostgresAnonymousFeedbackHoldingArea) => new EraseEmployeeHandler(s, c, keys, hold),
    },
    { provide: AppraisalQueries, inject: [EVENT_STORE, PERFORMANCE_READS], useFactory: (s: EventStore, r: PerformanceReadModel) => new AppraisalQueries(s, r) },
    // Anonymous 360 feedback: the holding area, the handlers that seal into it and the release after review.
    {
      provide: PostgresAnonymousFeedbackHoldingArea,
      inject: [SERVICE_CONFIG],
      // Its own few connections: a sealing holds one while the store works on the service pool.
      useFactory: (config: ServiceConfig) =>
        new PostgresAnonymousFeedbackHoldingArea(
          survivePgConnectionErrors(new Pool({ connectionString: config.databaseUrl, max: 4, application_name: 'tpm-performance-feedback-hold' }), createLogger('pg-pool'), 'feedback-hold'),
        ),
    },
    ...[SubmitPeerFeedbackHandler, SubmitAnonymousFeedbackHandler, ReleaseAnonymousFeedbackHandler].map((cls) => ({
      provide: cls,
      inject: [EVENT_STORE, CLOCK, PostgresAnonymousFeedbackHoldingArea, PERFORMANCE_READS],
      useFactory: (s: EventStore, c: Clock, h: PostgresAnonymousFeedbackHoldingArea, r: PerformanceReadModel) => new cls(s, c, h, r),
    })),
    {
      provide: AdvanceAppraisalStageHandler,
      inject: [EVENT_STORE, CLOCK, PERFORMANCE_READS, ReleaseAnonymousFeedbackHandler],
      useFactory: (s: EventStore, c: Clock, r: PerformanceReadModel, release: ReleaseAnonymousFeedbackHandler) => new AdvanceAppraisalStageHandler(s, c, r, release),
    },
    AnonymousFeedbackLifecycle,
    TrainingEvidenceReactions,
    CycleUnit,
    GoalUnit,
    ScopedEmployeeImport,
    VisibleAlignmentQuery,
  ],
})
export class AppModule {}
