import { Module, type Provider } from '@nestjs/common';
import { topicOf } from '@tpm/contracts';
import { systemClock, type Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { AuthModule } from '@tpm/auth';
import { MessagingModule } from '@tpm/messaging';
import { OrgReferenceModule } from '@tpm/org-reference';
import { PERFORMANCE_UPCASTERS, performancePublished } from '@tpm/performance-infrastructure';
import {
  AcknowledgeAppraisalHandler,
  AdjustObjectiveWeightsHandler,
  AdvanceAppraisalStageHandler,
  AppraisalQueries,
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
  OpenAppraisalCycleHandler,
  RecordTrainingEvidenceReaction,
  ReportProgressHandler,
  ResolveAppraisalDisputeHandler,
  SetStrategicGoalHandler,
  StoreParticipantsSource,
  SubmitManagerAssessmentHandler,
  SubmitPeerFeedbackHandler,
  SubmitSelfAssessmentHandler,
  OffboardEmployeeHandler,
  OnboardEmployeeHandler,
  RegisterBusinessUnitHandler,
  RenameBusinessUnitHandler,
  ReparentBusinessUnitHandler,
  TransferEmployeeHandler,
} from '@tpm/performance-application';
import { EVENT_STORE, EventStoreModule, HistoryController, KAFKA, PG_POOL, ServiceKitModule, loadServiceConfig } from '@tpm/service-kit';
import { BusinessUnitsController } from './http/business-units.controller';
import { EmployeeImportController } from './http/employee-import.controller';
import { EmployeesController } from './http/employees.controller';
import { AppraisalCyclesController } from './http/appraisal-cycles.controller';
import { AppraisalsController } from './http/appraisals.controller';
import { AppraisalScope } from './http/appraisal-scope';
import { GoalsController } from './http/goals.controller';
import { ScorecardsController } from './http/scorecards.controller';
import { TrainingEvidenceReactions } from './messaging/training-evidence.reactions';

export const CLOCK = Symbol('CLOCK');

type HandlerClass = new (store: EventStore, clock: Clock) => unknown;
const handler = (cls: HandlerClass): Provider => ({ provide: cls, inject: [EVENT_STORE, CLOCK], useFactory: (s: EventStore, c: Clock) => new cls(s, c) });

/**
 * The performance service: the organization (business-unit tree, employees, HRIS import), goals,
 * scorecards and appraisal cycles. Its log is relayed to `performance.events`, where every other
 * context learns the org and the finalized appraisals; it reacts to `training.events`.
 */
@Module({
  imports: [
    ServiceKitModule.forService('performance'),
    AuthModule.forService({ poolToken: PG_POOL }),
    EventStoreModule.forService({ upcasters: PERFORMANCE_UPCASTERS }),
    OrgReferenceModule.forPool(PG_POOL),
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
    BusinessUnitsController,
    EmployeesController,
    EmployeeImportController,
    HistoryController,
    GoalsController,
    ScorecardsController,
    AppraisalCyclesController,
    AppraisalsController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    ...[
      RegisterBusinessUnitHandler,
      ReparentBusinessUnitHandler,
      RenameBusinessUnitHandler,
      OnboardEmployeeHandler,
      TransferEmployeeHandler,
      ChangeManagerHandler,
      OffboardEmployeeHandler,
    ].map(handler),
    { provide: ImportEmployeesHandler, inject: [EVENT_STORE, CLOCK], useFactory: (s: EventStore, c: Clock) => new ImportEmployeesHandler(s, c) },
    ...[
      SetStrategicGoalHandler,
      CascadeGoalHandler,
      AssignObjectiveHandler,
      DefineIndicatorHandler,
      AdjustObjectiveWeightsHandler,
      ReportProgressHandler,
      OpenAppraisalCycleHandler,
      AdvanceAppraisalStageHandler,
      SubmitSelfAssessmentHandler,
      DelegateAssessmentHandler,
      SubmitManagerAssessmentHandler,
      SubmitPeerFeedbackHandler,
      CalibrateRatingHandler,
      FinalizeCycleHandler,
      AcknowledgeAppraisalHandler,
      DisputeAppraisalHandler,
      ResolveAppraisalDisputeHandler,
      RecordTrainingEvidenceReaction,
    ].map(handler),
    {
      provide: EnrolCycleParticipantsHandler,
      inject: [EVENT_STORE, CLOCK],
      useFactory: (s: EventStore, c: Clock) => new EnrolCycleParticipantsHandler(s, c, new StoreParticipantsSource(s)),
    },
    { provide: AppraisalQueries, inject: [EVENT_STORE], useFactory: (s: EventStore) => new AppraisalQueries(s) },
    TrainingEvidenceReactions,
    AppraisalScope,
  ],
})
export class AppModule {}
