import { contractProblems, currentVersionOf } from '@tpm/contracts';
import { appraisalDecider, type AppraisalEvent, type CycleFacts, type EmployeeEvent, type OrgStructureEvent } from '@tpm/performance-domain';
import { performancePublished } from './performance.published';

const at = '2027-12-01T09:00:00.000Z';
const cycle = (stage: CycleFacts['stage']): CycleFacts => ({
  stage,
  period: '2027',
  rulesVersion: 1,
  bands: [
    { name: 'below', from: 0 },
    { name: 'meets', from: 60 },
    { name: 'exceeds', from: 90 },
  ],
});

/** A real AppraisalFinalized: assessed, then finalized, through the decider. */
const finalizedByTheDecider = (): AppraisalEvent[] => {
  const ids = { cycleId: 'C1', employeeId: 'ana' };
  const assessed = appraisalDecider.decide(
    {
      type: 'SubmitManagerAssessment',
      data: {
        ...ids,
        cycle: cycle('review'),
        at,
        assessorId: 'ben',
        managerId: 'ben',
        businessUnitId: 'sales',
        scorecard: { objectives: [{ objectiveId: 'O1', weight: 100, indicators: [{ indicatorId: 'K1', target: 100, unit: 'deals', method: { kind: 'linear-ratio' } }] }] },
        results: [{ indicatorId: 'K1', actual: 75 }],
        competencies: [{ competency: 'negotiation', rating: 2, requiredLevel: 4 }],
        potential: 'high',
        comment: 'a private remark that must stay in performance',
      },
    },
    appraisalDecider.initialState(),
  );
  const state = assessed.reduce(appraisalDecider.evolve, appraisalDecider.initialState());
  return [...assessed, ...appraisalDecider.decide({ type: 'FinalizeAppraisal', data: { ...ids, cycle: cycle('feedback'), at } }, state)];
};

const org: (OrgStructureEvent | EmployeeEvent)[] = [
  { type: 'BusinessUnitRegistered', data: { businessUnitId: 'BU-1', name: 'Acme', parentId: null, at } },
  { type: 'BusinessUnitReparented', data: { businessUnitId: 'BU-2', fromParentId: null, toParentId: 'BU-1', at } },
  { type: 'BusinessUnitRenamed', data: { businessUnitId: 'BU-2', fromName: 'Sales', name: 'Sales EMEA', at } },
  { type: 'PositionDefined', data: { positionId: 'P-1', title: 'Rep', businessUnitId: 'BU-2', level: 'staff', at } },
  {
    type: 'EmployeeOnboarded',
    data: { employeeId: 'ana', employeeNumber: 'E1', name: 'Ana', businessUnitId: 'BU-2', position: 'Rep', managerId: null, level: 'staff', at },
  },
  { type: 'EmployeeTransferred', data: { employeeId: 'ana', fromBusinessUnitId: 'BU-2', toBusinessUnitId: 'BU-1', position: null, at } },
  { type: 'EmployeeManagerChanged', data: { employeeId: 'ana', fromManagerId: null, toManagerId: 'ben', at } },
  { type: 'EmployeeOffboarded', data: { employeeId: 'ana', businessUnitId: 'BU-1', reason: null, at } },
];

// As the relay sees them: read from the store at their current schema version.
const stored = (events: { type: string; data: unknown }[]) => events.map((e) => ({ ...e, schemaVersion: 1 }));

describe('performance.events carries exactly its published contracts', () => {
  const appraisal = finalizedByTheDecider();

  it('maps every organization event and the finalized appraisal to a valid contract of the current version', () => {
    const published = stored([...org, ...appraisal]).map(performancePublished).filter((c) => c !== null);
    expect(published.map((c) => c!.type)).toEqual([
      'performance.BusinessUnitRegistered',
      'performance.BusinessUnitReparented',
      'performance.BusinessUnitRenamed',
      'performance.PositionDefined',
      'performance.EmployeeOnboarded',
      'performance.EmployeeTransferred',
      'performance.EmployeeManagerChanged',
      'performance.EmployeeOffboarded',
      'performance.AppraisalFinalized',
    ]);
    for (const c of published) {
      expect({ type: c!.type, problems: contractProblems(c!) }).toEqual({ type: c!.type, problems: [] });
      expect(c!.version).toBe(currentVersionOf(c!.type));
    }
  });

  it('publishes the finalized appraisal as v2, with the potential the manager assessed', () => {
    const finalized = performancePublished({ ...appraisal.find((e) => e.type === 'AppraisalFinalized')!, schemaVersion: 2 });
    expect(finalized).toMatchObject({ type: 'performance.AppraisalFinalized', version: 2, data: { potential: 'high', ratingBand: 'meets', score: 75 } });
  });

  it('keeps assessments, with their free-text comments, on the log only', () => {
    const assessment = appraisal.find((e) => e.type === 'ManagerAssessmentSubmitted')!;
    expect(performancePublished({ ...assessment, schemaVersion: 1 })).toBeNull();
    expect(performancePublished({ type: 'StrategicGoalSet', schemaVersion: 1, data: {} })).toBeNull();
  });

  it('fails when a published field drifts from its contract', () => {
    const finalized = appraisal.find((e) => e.type === 'AppraisalFinalized')!;
    const drifted = { ...finalized.data, potential: 'very high', score: '75' };
    const c = performancePublished({ type: 'AppraisalFinalized', schemaVersion: 2, data: drifted })!;
    expect(contractProblems(c)).toEqual(['data.score: expected number, got string', 'data.potential: expected one of "low", "medium", "high", got "very high"']);
  });
});
