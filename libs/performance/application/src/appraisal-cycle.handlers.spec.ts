import { ManualClock, type Actor } from '@tpm/kernel';
import {
  AppraisalCycleClosedError,
  CascadeOutsideParentUnit,
  EmployeeNotOnboarded,
  GoalOfAnotherPeriod,
  NoFinalizationBeforeCalibration,
  NotACycleParticipant,
  NotTheEmployeesManager,
  ObjectiveOutsideGoalUnit,
  OnlyTheEmployeeSelfAssesses,
  ParentGoalNotFound,
  ScorecardFrozen,
  ScorecardNotReady,
} from '@tpm/performance-domain';
import { AppraisalQueries } from './appraisal.queries';
import { CalibrateRatingHandler, DelegateAssessmentHandler, FinalizeCycleHandler, SubmitManagerAssessmentHandler, SubmitSelfAssessmentHandler } from './appraisal.handlers';
import { AcknowledgeAppraisalHandler, DisputeAppraisalHandler, ResolveAppraisalDisputeHandler } from './appraisal-response.handlers';
import { AdvanceAppraisalStageHandler, EnrolCycleParticipantsHandler, OpenAppraisalCycleHandler, type CycleParticipantsSource } from './appraisal-cycle.handlers';
import { reactionContext, type CommandContext } from '@tpm/event-store';
import { CascadeGoalHandler, SetStrategicGoalHandler } from './goal.handlers';
import { OnboardEmployeeHandler } from './onboard-employee.handler';
import { appraisalStream } from './performance.streams';
import { RecordTrainingEvidenceReaction } from './record-training-evidence.reaction';
import { RegisterBusinessUnitHandler } from './register-business-unit.handler';
import { AdjustObjectiveWeightsHandler, AssignObjectiveHandler, DefineIndicatorHandler, ReportProgressHandler } from './scorecard.handlers';
import { FoldedReadModel } from './testing/folded-read-model.spec-helper';
import { InMemoryEventStore } from './testing/in-memory-event-store.spec-helper';

const as = (subject: string, roles: Actor['roles'], employeeId?: string): CommandContext => ({ actor: { subject, roles, employeeId }, correlationId: 'corr-1' });
const hr = as('hr-1', ['hr']);
const exec = as('exec-1', ['executive']);

describe('appraisal cycle handlers, planning to sign-off', () => {
  let store: InMemoryEventStore;
  let reads: FoldedReadModel;
  let clock: ManualClock;
  let ids: Record<string, string>;
  const source: CycleParticipantsSource = { activeEmployeesIn: async () => ['ana', 'ben', 'cy'].map((n) => ({ employeeId: ids[n], businessUnitId: 'sales' })) };
  const ctxOf = (name: string, roles: Actor['roles'] = ['employee']) => as(name, roles, ids[name]);

  beforeEach(async () => {
    store = new InMemoryEventStore();
    reads = new FoldedReadModel(store);
    clock = new ManualClock(new Date('2027-01-02T09:00:00Z'));
    const register = new RegisterBusinessUnitHandler(store, clock);
    await register.handle({ businessUnitId: 'org', name: 'ACME', parentId: null }, hr);
    await register.handle({ businessUnitId: 'sales', name: 'Sales', parentId: 'org' }, hr);
    const onboard = new OnboardEmployeeHandler(store, clock);
    const base = { businessUnitId: 'sales', position: 'Rep', level: 'staff' as const };
    ids = {};
    ids.boss = (await onboard.handle({ ...base, employeeNumber: 'M1', name: 'Boss', managerId: null, level: 'management' }, hr)).employeeId;
    for (const n of ['ana', 'ben', 'cy', 'dan']) ids[n] = (await onboard.handle({ ...base, employeeNumber: n, name: n, managerId: ids.boss }, hr)).employeeId;

    await new SetStrategicGoalHandler(store, clock).handle({ goalId: 'G1', period: '2027', title: 'Grow revenue' }, exec);
    await new CascadeGoalHandler(store, clock).handle({ goalId: 'G1-S', parentGoalId: 'G1', businessUnitId: 'sales', title: 'Sales grows' }, hr);
    for (const n of ['ana', 'ben', 'cy']) {
      const scope = { employeeId: ids[n], period: '2027' };
      await new AssignObjectiveHandler(store, clock, reads).handle({ ...scope, objectiveId: 'O1', title: 'Revenue', weight: 100, parentGoalId: 'G1-S' }, ctxOf('boss', ['manager']));
      await new DefineIndicatorHandler(store, clock, reads).handle(
        { ...scope, objectiveId: 'O1', indicatorId: 'K1', name: 'Revenue', target: 100, unit: 'kEUR', method: { kind: 'linear-ratio' } },
        ctxOf('boss', ['manager']),
      );
    }
    await new OpenAppraisalCycleHandler(store, clock).handle({ cycleId: 'C1', period: '2027', businessUnitId: 'sales' }, hr);
    await new EnrolCycleParticipantsHandler(store, clock, reads, source).handle({ cycleId: 'C1' }, hr);
  });

  const advance = (to: 'execution' | 'review' | 'calibration' | 'feedback' | 'closed') => new AdvanceAppraisalStageHandler(store, clock, reads).handle({ cycleId: 'C1', to }, hr);
  const assess = (n: string, actual: number, by = 'boss') =>
    new SubmitManagerAssessmentHandler(store, clock, reads).handle(
      { cycleId: 'C1', employeeId: ids[n], actingEmployeeId: ids[by], results: [{ indicatorId: 'K1', actual }], competencies: [{ competency: 'negotiation', rating: 2, requiredLevel: 4 }], potential: 'medium', comment: 'ok' },
      ctxOf(by, ['manager']),
    );

  it('refuses objectives under a goal that does not exist or of another period', async () => {
    const assign = new AssignObjectiveHandler(store, clock, reads);
    const input = { employeeId: ids.dan, period: '2027', objectiveId: 'O9', title: 'x', weight: 10 };
    await expect(assign.handle({ ...input, parentGoalId: 'nope' }, hr)).rejects.toThrow(ParentGoalNotFound);
    await expect(assign.handle({ ...input, period: '2028', parentGoalId: 'G1' }, hr)).rejects.toThrow(GoalOfAnotherPeriod);
    await expect(assign.handle({ ...input, employeeId: 'ghost', parentGoalId: null }, hr)).rejects.toThrow(EmployeeNotOnboarded);
  });

  it('cascades a unit goal only within its unit subtree, and its objectives only to employees there', async () => {
    const register = new RegisterBusinessUnitHandler(store, clock);
    await register.handle({ businessUnitId: 'sales-north', name: 'Sales North', parentId: 'sales' }, hr);
    await register.handle({ businessUnitId: 'ops', name: 'Operations', parentId: 'org' }, hr);
    const cascade = new CascadeGoalHandler(store, clock);
    await cascade.handle({ goalId: 'G1-SN', parentGoalId: 'G1-S', businessUnitId: 'sales-north', title: 'North grows' }, hr);
    await cascade.handle({ goalId: 'G1-O', parentGoalId: 'G1', businessUnitId: 'ops', title: 'Ops delivers' }, hr);
    await expect(cascade.handle({ goalId: 'G1-SO', parentGoalId: 'G1-S', businessUnitId: 'ops', title: 'Ops sells' }, hr)).rejects.toThrow(CascadeOutsideParentUnit);
    const assign = new AssignObjectiveHandler(store, clock, reads);
    await expect(assign.handle({ employeeId: ids.dan, period: '2027', objectiveId: 'O9', title: 'x', weight: 10, parentGoalId: 'G1-O' }, hr)).rejects.toThrow(ObjectiveOutsideGoalUnit);
    await assign.handle({ employeeId: ids.dan, period: '2027', objectiveId: 'O9', title: 'x', weight: 10, parentGoalId: 'G1' }, hr);
    expect(store.all().map((e) => e.data.goalId ?? e.data.objectiveId).filter((id) => ['G1-SO', 'G1-O', 'O9'].includes(id))).toEqual(['G1-O', 'O9']);
  });

  it('freezes the scorecards of the cycle participants from review on, progress still reported until closed', async () => {
    const card = { employeeId: ids.ana, period: '2027' };
    const reweigh = () => new AdjustObjectiveWeightsHandler(store, clock, reads).handle({ ...card, weights: [{ objectiveId: 'O1', weight: 100 }] }, hr);
    const progress = (month: string) => new ReportProgressHandler(store, clock, reads).handle({ ...card, objectiveId: 'O1', month, actual: 50, comment: 'half', actingEmployeeId: ids.ana }, ctxOf('ana'));
    await advance('execution');
    await expect(reweigh()).resolves.toMatchObject({ appended: 0 });
    await advance('review');
    await expect(new AssignObjectiveHandler(store, clock, reads).handle({ ...card, objectiveId: 'O2', title: 'x', weight: 10, parentGoalId: null }, hr)).rejects.toThrow(ScorecardFrozen);
    await expect(new DefineIndicatorHandler(store, clock, reads).handle({ ...card, objectiveId: 'O1', indicatorId: 'K2', name: 'x', target: 1, unit: 'u', method: { kind: 'milestone' } }, hr)).rejects.toThrow(ScorecardFrozen);
    await expect(reweigh()).rejects.toThrow(ScorecardFrozen);
    await progress('2027-09');
    // Dan is not in the cycle: his scorecard stays open.
    await new AssignObjectiveHandler(store, clock, reads).handle({ employeeId: ids.dan, period: '2027', objectiveId: 'O1', title: 'x', weight: 10, parentGoalId: null }, hr);
    for (const to of ['calibration', 'feedback', 'closed'] as const) await advance(to);
    await expect(progress('2027-12')).rejects.toThrow(ScorecardFrozen);
  });

  it('records monthly progress by the person reporting it', async () => {
    await new ReportProgressHandler(store, clock, reads).handle({ employeeId: ids.ana, period: '2027', objectiveId: 'O1', month: '2027-02', actual: 30, comment: 'slow start', actingEmployeeId: ids.ana }, ctxOf('ana'));
    const card = await new AppraisalQueries(store, reads).scorecard(ids.ana, '2027');
    expect(card.objectives[0].progress['2027-02']).toMatchObject({ actual: 30, reportedBy: ids.ana });
    expect(card.totalWeight).toBe(100);
  });

  it('runs a cycle from review to sign-off, with the manager read from the employee aggregate', async () => {
    await advance('execution');
    await advance('review');
    await new SubmitSelfAssessmentHandler(store, clock, reads).handle({ cycleId: 'C1', employeeId: ids.ana, comment: 'good year', ratings: [], actingEmployeeId: ids.ana }, ctxOf('ana'));
    await expect(new SubmitSelfAssessmentHandler(store, clock, reads).handle({ cycleId: 'C1', employeeId: ids.ana, comment: 'x', ratings: [], actingEmployeeId: ids.ben }, ctxOf('ben'))).rejects.toThrow(OnlyTheEmployeeSelfAssesses);
    await expect(assess('ana', 80, 'dan')).rejects.toThrow(NotTheEmployeesManager);
    await new DelegateAssessmentHandler(store, clock, reads).handle({ cycleId: 'C1', employeeId: ids.cy, delegateId: ids.dan, actingEmployeeId: ids.boss }, ctxOf('boss', ['manager']));
    await assess('ana', 80);
    await assess('ben', 40);
    await assess('cy', 95, 'dan');
    await expect(new FinalizeCycleHandler(store, clock, reads).handle({ cycleId: 'C1' }, hr)).rejects.toThrow(NoFinalizationBeforeCalibration);

    await advance('calibration');
    const queries = new AppraisalQueries(store, reads);
    expect((await queries.distribution('C1')).businessUnits).toEqual([{ businessUnitId: 'sales', total: 3, bands: { unsatisfactory: 1, below: 0, meets: 1, exceeds: 1 } }]);
    await new CalibrateRatingHandler(store, clock, reads).handle({ cycleId: 'C1', employeeId: ids.ben, toBand: 'below', reason: 'new territory' }, hr);
    await advance('feedback');
    expect(await new FinalizeCycleHandler(store, clock, reads).handle({ cycleId: 'C1' }, hr)).toEqual({ cycleId: 'C1', finalized: 3, alreadyFinal: 0, notAssessed: [] });
    expect(await new FinalizeCycleHandler(store, clock, reads).handle({ cycleId: 'C1' }, hr)).toMatchObject({ finalized: 0, alreadyFinal: 3 });

    const [finalized] = (await store.readStream(appraisalStream('C1', ids.ben))).filter((e) => e.type === 'AppraisalFinalized');
    expect(finalized.data).toMatchObject({ employeeId: ids.ben, businessUnitId: 'sales', managerId: ids.boss, score: 40, ratingBand: 'below', ratingBandRank: 2, competencyGaps: [{ competency: 'negotiation', gap: 2 }] });

    await new AcknowledgeAppraisalHandler(store, clock, reads).handle({ cycleId: 'C1', employeeId: ids.ana, actingEmployeeId: ids.ana }, ctxOf('ana'));
    await new DisputeAppraisalHandler(store, clock, reads).handle({ cycleId: 'C1', employeeId: ids.ben, reason: 'territory changed', actingEmployeeId: ids.ben }, ctxOf('ben'));
    await new ResolveAppraisalDisputeHandler(store, clock, reads).handle({ cycleId: 'C1', employeeId: ids.ben, resolution: 'amended', toBand: 'meets', note: 'agreed' }, hr);
    expect((await queries.appraisal('C1', ids.ben, 'reviewee')).finalBand).toBe('meets');

    const whatIf = await queries.whatIf('C1', { bands: [{ name: 'low', from: 0 }, { name: 'high', from: 50 }] });
    expect(whatIf.changedBands).toBe(3);
    expect(whatIf.outcomes.find((o) => o.employeeId === ids.ben)).toMatchObject({ before: 40, after: 40, delta: 0, bandBefore: 'below', bandAfter: 'low' });
    expect(whatIf.outcomes.find((o) => o.employeeId === ids.cy)).toMatchObject({ before: 95, after: 95, bandBefore: 'exceeds', bandAfter: 'high' });

    await advance('closed');
    await expect(assess('ana', 10)).rejects.toThrow(AppraisalCycleClosedError);
  });

  it('refuses an assessment for someone outside the cycle, and a scorecard that is not ready', async () => {
    await advance('execution');
    await advance('review');
    await expect(assess('dan', 50)).rejects.toThrow(NotACycleParticipant);
  });

  it('enrols joiners during execution and refuses to appraise a scorecard without objectives', async () => {
    await advance('execution');
    const joiners: CycleParticipantsSource = { activeEmployeesIn: async () => [{ employeeId: ids.dan, businessUnitId: 'sales' }] };
    expect(await new EnrolCycleParticipantsHandler(store, clock, reads, joiners).handle({ cycleId: 'C1' }, hr)).toEqual({ cycleId: 'C1', enrolled: 1, participants: 4 });
    await advance('review');
    await expect(assess('dan', 50)).rejects.toThrow(ScorecardNotReady);
  });

  it('records training completion as competency evidence once, however often it is delivered', async () => {
    const reaction = new RecordTrainingEvidenceReaction(store, clock);
    const event = { employeeId: ids.ana, programId: 'P1', programVersion: 1, sessionId: 'S1', businessUnitId: 'sales', competencies: ['negotiation'], examScore: 88, attendanceShare: 1, completedAt: '2027-05-01T00:00:00Z' };
    const context = reactionContext({ eventId: 'e-1', correlationId: 'c', traceparent: null }, { consumer: 'performance-reactions' });
    expect(await reaction.handle(event, context)).toEqual({ appended: 1 });
    expect(await reaction.handle(event, context)).toEqual({ appended: 0 });
    expect((await new AppraisalQueries(store, reads).scorecard(ids.ana, '2027')).competencyEvidence).toMatchObject([{ programId: 'P1', competencies: ['negotiation'] }]);
  });
});
