// The handlers and queries the appraisal-cycle benchmark drives, wired as the service wires them:
// the performance read model on the platform's store runner, the handlers reading it.
import type { Clock } from '../libs/platform/kernel/src';
import type { EventStore } from '../libs/platform/event-store/src';
import { silentLogger } from '../libs/platform/logging/src';
import { StoreProjectionRunner } from '../libs/platform/projections/src';
import {
  AdvanceAppraisalStageHandler,
  AppraisalQueries,
  AssignObjectiveHandler,
  CalibrateRatingHandler,
  DefineIndicatorHandler,
  EnrolCycleParticipantsHandler,
  FinalizeCycleHandler,
  OnboardEmployeeHandler,
  OpenAppraisalCycleHandler,
  RegisterBusinessUnitHandler,
  SetStrategicGoalHandler,
  SubmitManagerAssessmentHandler,
  SubmitSelfAssessmentHandler,
} from '../libs/performance/application/src';
import { openPerformanceReadDatabase } from '../libs/performance/infrastructure/src/performance-read-data-source';
import { performanceReadProjection } from '../libs/performance/infrastructure/src/performance-read.projection';
import { PostgresPerformanceReadModel } from '../libs/performance/infrastructure/src/postgres-performance-read.model';

export async function wireAppraisalCycle(store: EventStore, clock: Clock, url: string) {
  const db = await openPerformanceReadDatabase(url, 8);
  const runner = new StoreProjectionRunner({ projection: performanceReadProjection, context: 'performance', dataSource: db, store, logger: silentLogger, pollMs: 50 });
  await runner.start();
  await runner.whenActive();
  const reads = new PostgresPerformanceReadModel(db, store, runner);
  return {
    registerUnit: new RegisterBusinessUnitHandler(store, clock),
    onboard: new OnboardEmployeeHandler(store, clock),
    setGoal: new SetStrategicGoalHandler(store, clock),
    openCycle: new OpenAppraisalCycleHandler(store, clock),
    assignObjective: new AssignObjectiveHandler(store, clock, reads),
    defineIndicator: new DefineIndicatorHandler(store, clock, reads),
    enrol: new EnrolCycleParticipantsHandler(store, clock, reads),
    advance: new AdvanceAppraisalStageHandler(store, clock, reads),
    selfAssess: new SubmitSelfAssessmentHandler(store, clock, reads),
    managerAssess: new SubmitManagerAssessmentHandler(store, clock, reads),
    calibrate: new CalibrateRatingHandler(store, clock, reads),
    finalize: new FinalizeCycleHandler(store, clock, reads),
    queries: new AppraisalQueries(store, reads),
    close: async () => {
      await runner.stop();
      await db.destroy();
    },
  };
}
