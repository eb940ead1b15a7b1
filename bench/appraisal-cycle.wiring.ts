// The handlers and queries the appraisal-cycle benchmark drives, wired as the service wires them.
import type { Clock } from '../libs/platform/kernel/src';
import type { EventStore } from '../libs/platform/event-store/src';
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
  StoreParticipantsSource,
  SubmitManagerAssessmentHandler,
  SubmitSelfAssessmentHandler,
} from '../libs/performance/application/src';

export async function wireAppraisalCycle(store: EventStore, clock: Clock, _url: string) {
  return {
    registerUnit: new RegisterBusinessUnitHandler(store, clock),
    onboard: new OnboardEmployeeHandler(store, clock),
    setGoal: new SetStrategicGoalHandler(store, clock),
    openCycle: new OpenAppraisalCycleHandler(store, clock),
    assignObjective: new AssignObjectiveHandler(store, clock),
    defineIndicator: new DefineIndicatorHandler(store, clock),
    enrol: new EnrolCycleParticipantsHandler(store, clock, new StoreParticipantsSource(store)),
    advance: new AdvanceAppraisalStageHandler(store, clock),
    selfAssess: new SubmitSelfAssessmentHandler(store, clock),
    managerAssess: new SubmitManagerAssessmentHandler(store, clock),
    calibrate: new CalibrateRatingHandler(store, clock),
    finalize: new FinalizeCycleHandler(store, clock),
    queries: new AppraisalQueries(store),
    close: async () => {},
  };
}
