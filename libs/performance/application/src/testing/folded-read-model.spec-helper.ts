import type { EventStore } from '@tpm/event-store';
import {
  CYCLE_STAGES,
  type AlignedObjective,
  type AppraisalCycleEvent,
  type AppraisalEvent,
  type CycleParticipant,
  type CycleStage,
  type GoalRecord,
} from '@tpm/performance-domain';
import type { AppraisalRecord, CycleRecord, PerformanceReadModel } from '../performance-read.model';

interface Folded {
  cycles: Map<string, CycleRecord>;
  participants: Map<string, Map<string, string>>;
  appraisals: Map<string, Omit<AppraisalRecord, 'businessUnitId'>>;
  goals: (GoalRecord & { period: string })[];
  objectives: Map<string, AlignedObjective & { period: string }>;
  employees: Map<string, { businessUnitId: string; active: boolean }>;
  parents: Map<string, string | null>;
}

/**
 * The read model for specs on the in-memory store: the whole log folded on every call, always
 * fresh. Same answers as the PostgreSQL read model, none of its cost guarantees.
 */
export class FoldedReadModel implements PerformanceReadModel {
  constructor(private readonly store: EventStore) {}

  private async fold(): Promise<Folded> {
    const f: Folded = { cycles: new Map(), participants: new Map(), appraisals: new Map(), goals: [], objectives: new Map(), employees: new Map(), parents: new Map() };
    const { events } = await this.store.readAll({ horizon: 'committed' });
    const appraisal = (cycleId: string, employeeId: string) => {
      const key = `${cycleId}/${employeeId}`;
      const a = f.appraisals.get(key) ?? { employeeId, ratingBand: null, score: null, objectives: null, finalized: false };
      f.appraisals.set(key, a);
      return a;
    };
    for (const e of events) {
      const d = e.data as never as Record<string, unknown> & { cycleId: string; employeeId: string };
      const cycle = f.cycles.get(d.cycleId);
      if (cycle && e.streamId.startsWith('performance-cycle-')) cycle.version = e.streamVersion;
      switch (e.type) {
        case 'AppraisalCycleOpened': {
          const o = e.data as Extract<AppraisalCycleEvent, { type: 'AppraisalCycleOpened' }>['data'];
          f.cycles.set(o.cycleId, { cycleId: o.cycleId, period: o.period, businessUnitId: o.businessUnitId, bands: o.bands, rulesVersion: o.rulesVersion, stage: 'planning', participantCount: 0, version: e.streamVersion });
          f.participants.set(o.cycleId, new Map());
          break;
        }
        case 'ParticipantsEnrolled':
          for (const p of (e.data as Extract<AppraisalCycleEvent, { type: 'ParticipantsEnrolled' }>['data']).participants) f.participants.get(d.cycleId)!.set(p.employeeId, p.businessUnitId);
          cycle!.participantCount = f.participants.get(d.cycleId)!.size;
          break;
        case 'AppraisalStageAdvanced':
          cycle!.stage = d.to as CycleStage;
          break;
        case 'ManagerAssessmentSubmitted': {
          const m = e.data as Extract<AppraisalEvent, { type: 'ManagerAssessmentSubmitted' }>['data'];
          Object.assign(appraisal(m.cycleId, m.employeeId), { ratingBand: m.ratingBand, score: m.score, objectives: m.objectives });
          break;
        }
        case 'RatingCalibrated':
          appraisal(d.cycleId, d.employeeId).ratingBand = d.toBand as string;
          break;
        case 'AppraisalFinalized':
          Object.assign(appraisal(d.cycleId, d.employeeId), { ratingBand: d.ratingBand, finalized: true });
          break;
        case 'StrategicGoalSet':
        case 'GoalCascaded':
          f.goals.push({ goalId: d.goalId as string, title: d.title as string, parentGoalId: (d.parentGoalId as string) ?? null, businessUnitId: (d.businessUnitId as string) ?? null, period: d.period as string });
          break;
        case 'ObjectiveAssigned':
          f.objectives.set(`${d.period}/${d.employeeId}/${d.objectiveId}`, {
            objectiveId: d.objectiveId as string,
            employeeId: d.employeeId,
            title: d.title as string,
            parentGoalId: (d.parentGoalId as string) ?? null,
            period: d.period as string,
          });
          break;
        case 'EmployeeOnboarded':
          f.employees.set(d.employeeId, { businessUnitId: d.businessUnitId as string, active: true });
          break;
        case 'EmployeeTransferred':
          f.employees.get(d.employeeId)!.businessUnitId = d.toBusinessUnitId as string;
          break;
        case 'EmployeeOffboarded':
          f.employees.get(d.employeeId)!.active = false;
          break;
        case 'BusinessUnitRegistered':
          f.parents.set(d.businessUnitId as string, (d.parentId as string) ?? null);
          break;
        case 'BusinessUnitReparented':
          f.parents.set(d.businessUnitId as string, d.toParentId as string);
          break;
        default:
          break;
      }
    }
    return f;
  }

  async cycle(cycleId: string) {
    const c = (await this.fold()).cycles.get(cycleId);
    return c ? { ...c } : null;
  }

  async participant(cycleId: string, employeeId: string) {
    const f = await this.fold();
    const cycle = f.cycles.get(cycleId);
    return cycle ? { cycle, businessUnitId: f.participants.get(cycleId)!.get(employeeId) ?? null } : null;
  }

  async participantPage(cycleId: string, after: string | null, limit: number): Promise<CycleParticipant[]> {
    const all = [...((await this.fold()).participants.get(cycleId) ?? new Map<string, string>())].map(([employeeId, businessUnitId]) => ({ employeeId, businessUnitId }));
    return all.sort((a, b) => (a.employeeId < b.employeeId ? -1 : 1)).filter((p) => after === null || p.employeeId > after).slice(0, limit);
  }

  async enrolledAmong(cycleId: string, employeeIds: string[]) {
    const enrolled = (await this.fold()).participants.get(cycleId) ?? new Map();
    return employeeIds.filter((id) => enrolled.has(id));
  }

  async appraisals(cycleId: string, options: { objectives?: boolean } = {}): Promise<AppraisalRecord[]> {
    const f = await this.fold();
    return [...(f.participants.get(cycleId) ?? new Map<string, string>())].map(([employeeId, businessUnitId]) => {
      const a = f.appraisals.get(`${cycleId}/${employeeId}`) ?? { employeeId, ratingBand: null, score: null, objectives: null, finalized: false };
      return { ...a, objectives: options.objectives === false ? null : a.objectives, businessUnitId };
    });
  }

  async bandCounts(cycleId: string) {
    const counts = new Map<string, { businessUnitId: string; ratingBand: string | null; count: number }>();
    for (const a of await this.appraisals(cycleId)) {
      const key = `${a.businessUnitId}/${a.ratingBand}`;
      const c = counts.get(key) ?? { businessUnitId: a.businessUnitId, ratingBand: a.ratingBand, count: 0 };
      c.count++;
      counts.set(key, c);
    }
    return [...counts.values()];
  }

  async furthestStage(employeeId: string, period: string): Promise<CycleStage | null> {
    const f = await this.fold();
    let furthest: CycleStage | null = null;
    for (const c of f.cycles.values()) {
      if (c.period !== period || !f.participants.get(c.cycleId)!.has(employeeId)) continue;
      if (furthest === null || CYCLE_STAGES.indexOf(c.stage) > CYCLE_STAGES.indexOf(furthest)) furthest = c.stage;
    }
    return furthest;
  }

  async activeEmployeesIn(businessUnitId: string | null): Promise<CycleParticipant[]> {
    const f = await this.fold();
    const within = (unit: string) => {
      for (let id: string | null = unit, hops = 0; id !== null && hops <= f.parents.size; hops++) {
        if (id === businessUnitId) return true;
        id = f.parents.get(id) ?? null;
      }
      return false;
    };
    return [...f.employees]
      .filter(([, e]) => e.active && (businessUnitId === null || within(e.businessUnitId)))
      .map(([employeeId, e]) => ({ employeeId, businessUnitId: e.businessUnitId }))
      .sort((a, b) => (a.employeeId < b.employeeId ? -1 : 1));
  }

  async alignment(period: string) {
    const f = await this.fold();
    return {
      goals: f.goals.filter((g) => g.period === period).map(({ period: _p, ...g }) => g),
      objectives: [...f.objectives.values()].filter((o) => o.period === period).map(({ period: _p, ...o }) => o),
    };
  }
}
