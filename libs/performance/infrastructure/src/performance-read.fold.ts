import type { Envelope } from '@tpm/contracts';
import type {
  AppraisalCycleEvent,
  AppraisalEvent,
  CycleParticipant,
  EmployeeEvent,
  GoalEvent,
  OrgStructureEvent,
  RatingBand,
  ScoredObjective,
  ScorecardEvent,
} from '@tpm/performance-domain';

type Of<U extends { type: string; data: unknown }, T extends U['type']> = Extract<U, { type: T }>['data'];

export interface CycleRow { cycleId: string; period: string; businessUnitId: string | null; bands: RatingBand[]; rulesVersion: number }
export interface ParticipantRow extends CycleParticipant { cycleId: string }
/** Only the keys present change the stored row. */
export interface AppraisalPatch { cycleId: string; employeeId: string; ratingBand?: string; score?: number; objectives?: ScoredObjective[]; finalized?: boolean }
export interface GoalRow { goalId: string; period: string; title: string; parentGoalId: string | null; businessUnitId: string | null; position: number }
export interface ObjectiveRow { period: string; employeeId: string; objectiveId: string; title: string; parentGoalId: string | null; position: number }
/** `whole`: onboarded in this batch (insert or replace); otherwise only the keys present change. */
export interface EmployeePatch { employeeId: string; businessUnitId?: string; active?: boolean; whole: boolean }
export interface UnitPatch { businessUnitId: string; parentId: string | null; whole: boolean }

export interface PerformanceReadChanges {
  cyclesOpened: CycleRow[];
  participants: ParticipantRow[];
  /** Per cycle: its last stage and the highest stream version in the batch. */
  cycleHeads: { cycleId: string; stage: string | null; version: number }[];
  appraisals: AppraisalPatch[];
  goals: GoalRow[];
  objectives: ObjectiveRow[];
  employees: EmployeePatch[];
  units: UnitPatch[];
  /** People erased: their objective titles are blanked. */
  erased: string[];
}

/** The store types the read model follows, with the context's prefix as the runner hands them over. */
export const PERFORMANCE_READ_TYPES = [
  'AppraisalCycleOpened', 'ParticipantsEnrolled', 'AppraisalStageAdvanced', 'AppraisalCycleClosed',
  'ManagerAssessmentSubmitted', 'RatingCalibrated', 'AppraisalFinalized',
  'StrategicGoalSet', 'GoalCascaded', 'ObjectiveAssigned',
  'EmployeeOnboarded', 'EmployeeTransferred', 'EmployeeOffboarded',
  'BusinessUnitRegistered', 'BusinessUnitReparented',
  // The privacy work's erasure event; its titles are the only personal text the tables keep.
  'PersonErased',
].map((t) => `performance.${t}`);

/**
 * Folds a batch, in log order, into one change per row, so the SQL is set-based and still ends
 * where applying the events one by one would have.
 */
export function foldPerformanceBatch(batch: Envelope[]): PerformanceReadChanges {
  const cyclesOpened: CycleRow[] = [];
  const participants: ParticipantRow[] = [];
  const heads = new Map<string, { cycleId: string; stage: string | null; version: number }>();
  const appraisals = new Map<string, AppraisalPatch>();
  const goals = new Map<string, GoalRow>();
  const objectives = new Map<string, ObjectiveRow>();
  const employees = new Map<string, EmployeePatch>();
  const units = new Map<string, UnitPatch>();
  const erased = new Set<string>();
  const head = (cycleId: string, version: number) => {
    const h = heads.get(cycleId) ?? { cycleId, stage: null, version };
    h.version = Math.max(h.version, version);
    heads.set(cycleId, h);
    return h;
  };
  const appraisal = (cycleId: string, employeeId: string) => {
    const key = `${cycleId}\u0000${employeeId}`;
    const p = appraisals.get(key) ?? { cycleId, employeeId };
    appraisals.set(key, p);
    return p;
  };
  for (const e of batch) {
    const type = e.type.slice('performance.'.length);
    switch (type) {
      case 'AppraisalCycleOpened': {
        const { cycleId, period, businessUnitId, bands, rulesVersion } = e.data as Of<AppraisalCycleEvent, 'AppraisalCycleOpened'>;
        cyclesOpened.push({ cycleId, period, businessUnitId, bands, rulesVersion });
        head(cycleId, e.streamVersion);
        break;
      }
      case 'ParticipantsEnrolled': {
        const d = e.data as Of<AppraisalCycleEvent, 'ParticipantsEnrolled'>;
        for (const p of d.participants) participants.push({ cycleId: d.cycleId, employeeId: p.employeeId, businessUnitId: p.businessUnitId });
        head(d.cycleId, e.streamVersion);
        break;
      }
      case 'AppraisalStageAdvanced': {
        const d = e.data as Of<AppraisalCycleEvent, 'AppraisalStageAdvanced'>;
        head(d.cycleId, e.streamVersion).stage = d.to;
        break;
      }
      case 'AppraisalCycleClosed':
        head((e.data as Of<AppraisalCycleEvent, 'AppraisalCycleClosed'>).cycleId, e.streamVersion);
        break;
      case 'ManagerAssessmentSubmitted': {
        const d = e.data as Of<AppraisalEvent, 'ManagerAssessmentSubmitted'>;
        Object.assign(appraisal(d.cycleId, d.employeeId), { ratingBand: d.ratingBand, score: d.score, objectives: d.objectives });
        break;
      }
      case 'RatingCalibrated': {
        const d = e.data as Of<AppraisalEvent, 'RatingCalibrated'>;
        appraisal(d.cycleId, d.employeeId).ratingBand = d.toBand;
        break;
      }
      case 'AppraisalFinalized': {
        const d = e.data as Of<AppraisalEvent, 'AppraisalFinalized'>;
        Object.assign(appraisal(d.cycleId, d.employeeId), { ratingBand: d.ratingBand, finalized: true });
        break;
      }
      case 'StrategicGoalSet': {
        const d = e.data as Of<GoalEvent, 'StrategicGoalSet'>;
        goals.set(d.goalId, { goalId: d.goalId, period: d.period, title: d.title, parentGoalId: null, businessUnitId: null, position: e.position });
        break;
      }
      case 'GoalCascaded': {
        const d = e.data as Of<GoalEvent, 'GoalCascaded'>;
        goals.set(d.goalId, { goalId: d.goalId, period: d.period, title: d.title, parentGoalId: d.parentGoalId, businessUnitId: d.businessUnitId, position: e.position });
        break;
      }
      case 'ObjectiveAssigned': {
        const d = e.data as Of<ScorecardEvent, 'ObjectiveAssigned'>;
        const key = `${d.period}\u0000${d.employeeId}\u0000${d.objectiveId}`;
        // The first assignment places it in the tree's order; a later one only renames or re-links it.
        const position = objectives.get(key)?.position ?? e.position;
        objectives.set(key, { period: d.period, employeeId: d.employeeId, objectiveId: d.objectiveId, title: d.title, parentGoalId: d.parentGoalId ?? null, position });
        break;
      }
      case 'EmployeeOnboarded': {
        const d = e.data as Of<EmployeeEvent, 'EmployeeOnboarded'>;
        employees.set(d.employeeId, { employeeId: d.employeeId, businessUnitId: d.businessUnitId, active: true, whole: true });
        break;
      }
      case 'EmployeeTransferred': {
        const d = e.data as Of<EmployeeEvent, 'EmployeeTransferred'>;
        employees.set(d.employeeId, { ...(employees.get(d.employeeId) ?? { employeeId: d.employeeId, whole: false }), businessUnitId: d.toBusinessUnitId });
        break;
      }
      case 'EmployeeOffboarded': {
        const d = e.data as Of<EmployeeEvent, 'EmployeeOffboarded'>;
        employees.set(d.employeeId, { ...(employees.get(d.employeeId) ?? { employeeId: d.employeeId, whole: false }), active: false });
        break;
      }
      case 'BusinessUnitRegistered': {
        const d = e.data as Of<OrgStructureEvent, 'BusinessUnitRegistered'>;
        units.set(d.businessUnitId, { businessUnitId: d.businessUnitId, parentId: d.parentId, whole: true });
        break;
      }
      case 'BusinessUnitReparented': {
        const d = e.data as Of<OrgStructureEvent, 'BusinessUnitReparented'>;
        units.set(d.businessUnitId, { ...(units.get(d.businessUnitId) ?? { businessUnitId: d.businessUnitId, whole: false }), parentId: d.toParentId });
        break;
      }
      case 'PersonErased': {
        const id = (e.data as { employeeId?: string }).employeeId;
        if (id) erased.add(id);
        break;
      }
      default:
        break;
    }
  }
  return {
    cyclesOpened,
    participants,
    cycleHeads: [...heads.values()],
    appraisals: [...appraisals.values()],
    goals: [...goals.values()],
    objectives: [...objectives.values()],
    employees: [...employees.values()],
    units: [...units.values()],
    erased: [...erased],
  };
}
