import { randomUUID } from 'node:crypto';
import { PostgresEventStore, type CommandContext, type EventStore } from '@tpm/event-store';
import { ManualClock, type Actor } from '@tpm/kernel';
import { silentLogger } from '@tpm/logging';
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
  ReportProgressHandler,
  SetStrategicGoalHandler,
  SubmitManagerAssessmentHandler,
  SubmitSelfAssessmentHandler,
  businessUnitView,
  employeeIdFor,
} from '@tpm/performance-application';
import { rebuildStoreProjection, StoreProjectionRunner } from '@tpm/projections';
import { createTestDatabase, type TestDatabase } from '@tpm/testing';
import type { DataSource } from 'typeorm';
import { openPerformanceReadDatabase } from './performance-read-data-source';
import { performanceReadProjection } from './performance-read.projection';
import { PostgresPerformanceReadModel } from './postgres-performance-read.model';
import { PERFORMANCE_UPCASTERS } from './performance.upcasters';

jest.setTimeout(120_000);

/** The real store, counting every event it hands to the request path (streams folded, log pages read). */
class CountingStore implements EventStore {
  read = 0;
  constructor(private readonly inner: PostgresEventStore) {}
  append: EventStore['append'] = (s, e, o) => this.inner.append(s, e, o);
  streamVersion: EventStore['streamVersion'] = (s) => this.inner.streamVersion(s);
  verify: EventStore['verify'] = (o) => this.inner.verify(o);
  close = async () => {};
  readStream: EventStore['readStream'] = async (s, o) => {
    const events = await this.inner.readStream(s, o);
    this.read += events.length;
    return events;
  };
  readAll: EventStore['readAll'] = async (o) => {
    const page = await this.inner.readAll(o);
    this.read += page.events.length;
    return page;
  };
  aggregate: EventStore['aggregate'] = async (s, d, o) => {
    const events = await this.readStream(s, o);
    return { state: events.reduce((st, e) => d.evolve(st, { type: e.type, data: e.data } as never), d.initialState()), version: events.at(-1)?.streamVersion ?? 0 };
  };
}

const ctx = (subject: string, roles: Actor['roles'], employeeId?: string): CommandContext => ({ actor: { subject, roles, employeeId }, correlationId: randomUUID() });
const hr = ctx('hr', ['hr']);

describe('performance read model: no request reads more than it returns or touches (real PostgreSQL)', () => {
  let db: TestDatabase;
  let raw: PostgresEventStore;
  let store: CountingStore;
  let readDb: DataSource;
  let runner: StoreProjectionRunner;
  let h: ReturnType<typeof handlers>;
  const clock = new ManualClock(new Date('2027-01-02T09:00:00Z'));

  const handlers = (s: EventStore, reads: PostgresPerformanceReadModel) => ({
    unit: new RegisterBusinessUnitHandler(s, clock),
    onboard: new OnboardEmployeeHandler(s, clock),
    goal: new SetStrategicGoalHandler(s, clock),
    open: new OpenAppraisalCycleHandler(s, clock),
    assign: new AssignObjectiveHandler(s, clock, reads),
    indicator: new DefineIndicatorHandler(s, clock, reads),
    progress: new ReportProgressHandler(s, clock, reads),
    enrol: new EnrolCycleParticipantsHandler(s, clock, reads),
    advance: new AdvanceAppraisalStageHandler(s, clock, reads),
    self: new SubmitSelfAssessmentHandler(s, clock, reads),
    assess: new SubmitManagerAssessmentHandler(s, clock, reads),
    calibrate: new CalibrateRatingHandler(s, clock, reads),
    finalize: new FinalizeCycleHandler(s, clock, reads),
    queries: new AppraisalQueries(s, reads),
  });

  /** A unit with a manager and `n` employees with ready scorecards, in a cycle taken through manager assessment. */
  const cycleWorld = async (tag: string, n: number, period: string) => {
    await h.unit.handle({ businessUnitId: tag, name: tag, parentId: 'org' }, hr);
    const boss = (await h.onboard.handle({ employeeNumber: `${tag}-M`, name: 'Boss', businessUnitId: tag, position: 'Head', managerId: null, level: 'management' }, hr)).employeeId;
    const people: string[] = [];
    for (let i = 0; i < n; i++) {
      people.push((await h.onboard.handle({ employeeNumber: `${tag}-${i}`, name: `P${i}`, businessUnitId: tag, position: 'Rep', managerId: boss, level: 'staff' }, hr)).employeeId);
    }
    await h.goal.handle({ goalId: `G-${tag}`, period, title: 'Grow' }, ctx('exec', ['executive']));
    const cycleId = `C-${tag}`;
    await h.open.handle({ cycleId, period, businessUnitId: tag }, hr);
    for (const employeeId of people) {
      await h.assign.handle({ employeeId, period, objectiveId: 'O1', title: 'Deliver', weight: 100, parentGoalId: `G-${tag}` }, hr);
      await h.indicator.handle({ employeeId, period, objectiveId: 'O1', indicatorId: 'K1', name: 'Output', target: 100, unit: 'pcs', method: { kind: 'linear-ratio' } }, hr);
    }
    await h.enrol.handle({ cycleId }, hr);
    await h.advance.handle({ cycleId, to: 'execution' }, hr);
    await h.advance.handle({ cycleId, to: 'review' }, hr);
    return { cycleId, boss, people, period };
  };

  const assess = (w: { cycleId: string; boss: string }, employeeId: string, actual: number) =>
    h.assess.handle(
      { cycleId: w.cycleId, employeeId, actingEmployeeId: w.boss, results: [{ indicatorId: 'K1', actual }], competencies: [{ competency: 'craft', rating: 3, requiredLevel: 3 }], potential: 'medium', comment: 'ok' },
      ctx('boss', ['manager'], w.boss),
    );

  /** Events the request path read while `work` ran; the runner is caught up first, so no lag is counted as history. */
  const readBy = async (work: () => Promise<unknown>) => {
    await runner.catchUp();
    store.read = 0;
    await work();
    return store.read;
  };

  const startRunner = async () => {
    const r = new StoreProjectionRunner({ projection: performanceReadProjection, context: 'performance', dataSource: readDb, store: raw, logger: silentLogger, pollMs: 50 });
    await r.start();
    await r.whenActive();
    return r;
  };

  beforeAll(async () => {
    db = await createTestDatabase('perf_read');
    raw = new PostgresEventStore({ connectionString: db.url, poolSize: 8, upcasters: PERFORMANCE_UPCASTERS });
    await raw.ensureSchema();
    store = new CountingStore(raw);
    readDb = await openPerformanceReadDatabase(db.url, 4);
    // The runner reads the log itself: that is the read model's work, not a request's.
    runner = await startRunner();
    // Through a closure: a test replaces the runner (a restarted service) under the same read model.
    h = handlers(store, new PostgresPerformanceReadModel(readDb, store, { catchUp: () => runner.catchUp() }));
    await h.unit.handle({ businessUnitId: 'org', name: 'Org', parentId: null }, hr);
  });

  afterAll(async () => {
    await runner?.stop();
    await readDb?.destroy();
    await raw?.close();
    await db?.drop();
  });

  it('reads the same few events per request whatever unrelated history and cycle size surround it', async () => {
    const ours = await cycleWorld('small', 3, '2027');
    const [ana, ben, cy] = ours.people;
    // Each request once, counted: before and after 40 more people, another cycle and another period exist.
    const requests = {
      selfAssessment: (who: string) => () =>
        h.self.handle({ cycleId: ours.cycleId, employeeId: who, actingEmployeeId: who, comment: 'fine', ratings: [] }, ctx('e', ['employee'], who)),
      managerAssessment: (who: string) => () => assess(ours, who, 80),
      // Progress is reported until the cycle closes: the stage gate is read, and passes.
      scorecardCommand: (who: string) => () =>
        h.progress.handle({ employeeId: who, period: '2027', objectiveId: 'O1', month: '2027-06', actual: 50, comment: 'half', actingEmployeeId: who }, ctx('e', ['employee'], who)),
      cycle: () => h.queries.cycle(ours.cycleId),
      distribution: () => h.queries.distribution(ours.cycleId),
      whatIf: () => h.queries.whatIf(ours.cycleId, { bands: [{ name: 'low', from: 0 }, { name: 'high', from: 50 }] }),
      alignment: () => h.queries.alignment('2027'),
      businessUnit: () => businessUnitView(store, 'small'),
    };
    const before = {
      selfAssessment: await readBy(requests.selfAssessment(ana)),
      managerAssessment: await readBy(requests.managerAssessment(ana)),
      scorecardCommand: await readBy(requests.scorecardCommand(ana)),
      cycle: await readBy(requests.cycle),
      distribution: await readBy(requests.distribution),
      whatIf: await readBy(requests.whatIf),
      alignment: await readBy(requests.alignment),
      businessUnit: await readBy(requests.businessUnit),
    };

    // Unrelated history: a bigger cycle in another unit and another period, fully assessed.
    const other = await cycleWorld('big', 40, '2028');
    for (const [i, p] of other.people.entries()) await assess(other, p, 30 + i);

    const after = {
      selfAssessment: await readBy(requests.selfAssessment(ben)),
      managerAssessment: await readBy(requests.managerAssessment(ben)),
      scorecardCommand: await readBy(requests.scorecardCommand(ben)),
      cycle: await readBy(requests.cycle),
      distribution: await readBy(requests.distribution),
      whatIf: await readBy(requests.whatIf),
      alignment: await readBy(requests.alignment),
      businessUnit: await readBy(requests.businessUnit),
    };
    expect(after).toEqual(before);
    // What each reads is what it touches: an appraisal command folds its own (short) streams only;
    // the cross-aggregate reads (distribution, what-if, alignment, the cycle) read no event at all.
    expect(before).toMatchObject({ cycle: 0, distribution: 0, whatIf: 0, alignment: 0, businessUnit: 0 });
    expect(before.managerAssessment).toBeLessThanOrEqual(12);

    // And the answers are the read model's, right after the writes.
    await assess(ours, cy, 20);
    expect(await h.queries.distribution(ours.cycleId)).toMatchObject({ stage: 'review', businessUnits: [{ businessUnitId: 'small', total: 3, bands: { meets: 2, unsatisfactory: 1 } }], unassessed: 1 });
    expect(await h.queries.distribution(other.cycleId)).toMatchObject({ businessUnits: [{ total: 40 }], unassessed: 1 });
    expect(await h.queries.cycle(ours.cycleId)).toMatchObject({ stage: 'review', participantCount: 4 });
    const tree = await h.queries.alignment('2027');
    expect(tree.roots.map((r) => r.goalId)).toEqual(['G-small']);
    expect(tree.roots[0].objectives).toHaveLength(3);
    // GET business unit: the cached tree answers, and one more unit costs one more event, not the tree.
    await h.unit.handle({ businessUnitId: 'small-sub', name: 'Sub', parentId: 'small' }, hr);
    let view: Awaited<ReturnType<typeof businessUnitView>> | undefined;
    expect(await readBy(async () => (view = await businessUnitView(store, 'small')))).toBe(1);
    expect(view).toMatchObject({ businessUnitId: 'small', parentId: 'org', children: ['small-sub'] });
  });

  it('finalizes a cycle in one pass: each appraisal stream folded once, the cycle never', async () => {
    const w = await cycleWorld('final', 6, '2029');
    for (const p of w.people.slice(0, 5)) await assess(w, p, 70);
    await h.advance.handle({ cycleId: w.cycleId, to: 'calibration' }, hr);
    await h.calibrate.handle({ cycleId: w.cycleId, employeeId: w.people[0], toBand: 'exceeds', reason: 'committee' }, hr);
    await h.advance.handle({ cycleId: w.cycleId, to: 'feedback' }, hr);
    const appraisalEvents = 5 + 1; // five assessments, one calibration
    const read = await readBy(async () => expect(await h.finalize.handle({ cycleId: w.cycleId }, hr)).toMatchObject({ finalized: 5, notAssessed: [w.boss, w.people[5]].sort() }));
    expect(read).toBe(appraisalEvents);
    expect(await h.queries.distribution(w.cycleId)).toMatchObject({ businessUnits: [{ total: 5, bands: { exceeds: 1, meets: 4 } }], unassessed: 2 });
  });

  it('keeps the band counts equal to the participants and their bands as assessments, calibrations and a rebuild move them', async () => {
    const w = await cycleWorld('counts', 8, '2033');
    // Scores 20..90: several bands; two calibrated, one of them twice.
    for (const [i, p] of w.people.slice(0, 6).entries()) await assess(w, p, 20 + i * 14);
    await h.advance.handle({ cycleId: w.cycleId, to: 'calibration' }, hr);
    await h.calibrate.handle({ cycleId: w.cycleId, employeeId: w.people[0], toBand: 'meets', reason: 'committee' }, hr);
    await h.calibrate.handle({ cycleId: w.cycleId, employeeId: w.people[1], toBand: 'exceeds', reason: 'committee' }, hr);
    await h.calibrate.handle({ cycleId: w.cycleId, employeeId: w.people[1], toBand: 'below', reason: 'second look' }, hr);
    await runner.catchUp();
    const kept = `SELECT business_unit_id, rating_band, n FROM performance_read.band_counts WHERE cycle_id = $1 AND n > 0 ORDER BY 1, 2`;
    const counted = `SELECT p.business_unit_id, COALESCE(a.rating_band, '') AS rating_band, count(*)::int AS n
                       FROM performance_read.cycle_participants p LEFT JOIN performance_read.appraisals a USING (cycle_id, employee_id)
                      WHERE p.cycle_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`;
    const expected = await readDb.query(counted, [w.cycleId]);
    // Boss and two people unassessed; six assessed over at least three bands.
    expect(expected.find((r: { rating_band: string }) => r.rating_band === '')).toMatchObject({ n: 3 });
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(await readDb.query(kept, [w.cycleId])).toEqual(expected);
    const distribution = await h.queries.distribution(w.cycleId);
    expect(distribution.unassessed).toBe(3);
    expect(distribution.businessUnits[0].total).toBe(6);
    // Rebuilt from the store beside the live tables: the same counts.
    await runner.stop();
    await rebuildStoreProjection({ projection: performanceReadProjection, context: 'performance', dataSource: readDb, store: raw, logger: silentLogger });
    runner = await startRunner();
    expect(await readDb.query(kept, [w.cycleId])).toEqual(expected);
  });

  it('sees a stage advanced a moment ago: the cycle is read at its stream version, waiting for the runner only then', async () => {
    const w = await cycleWorld('fresh', 1, '2030');
    await runner.catchUp();
    await runner.stop();
    // The runner is down: the stage on record is behind the stream, so the command waits for it.
    await h.advance.handle({ cycleId: w.cycleId, to: 'calibration' }, hr);
    const stopped = runner;
    const pending = h.self.handle({ cycleId: w.cycleId, employeeId: w.people[0], actingEmployeeId: w.people[0], comment: 'late', ratings: [] }, ctx('e', ['employee'], w.people[0]));
    // Until a runner applies the advance, the command cannot have decided on the stale stage.
    expect((await readDb.query(`SELECT stage FROM performance_read.cycles WHERE cycle_id = $1`, [w.cycleId]))[0].stage).toBe('review');
    runner = await startRunner();
    void stopped;
    await expect(pending).rejects.toMatchObject({ code: 'WRONG_CYCLE_STAGE' });
    expect(await raw.readStream(`performance-appraisal-${w.cycleId}-${w.people[0]}`)).toEqual([]);
  });

  it('enrols the active employees of the subtree once, whoever ran the enrolment before', async () => {
    await h.unit.handle({ businessUnitId: 'tree', name: 'Tree', parentId: 'org' }, hr);
    await h.unit.handle({ businessUnitId: 'tree-leaf', name: 'Leaf', parentId: 'tree' }, hr);
    const a = (await h.onboard.handle({ employeeNumber: 'T-1', name: 'A', businessUnitId: 'tree-leaf', position: 'Rep', managerId: null, level: 'staff' }, hr)).employeeId;
    await h.open.handle({ cycleId: 'C-tree', period: '2031', businessUnitId: 'tree' }, hr);
    expect(await h.enrol.handle({ cycleId: 'C-tree' }, hr)).toEqual({ cycleId: 'C-tree', enrolled: 1, participants: 1 });
    await h.onboard.handle({ employeeNumber: 'T-2', name: 'B', businessUnitId: 'tree', position: 'Rep', managerId: null, level: 'staff' }, hr);
    expect(await h.enrol.handle({ cycleId: 'C-tree' }, hr)).toEqual({ cycleId: 'C-tree', enrolled: 1, participants: 2 });
    expect(await h.enrol.handle({ cycleId: 'C-tree' }, hr)).toEqual({ cycleId: 'C-tree', enrolled: 0, participants: 2 });
    expect(a).toBe(employeeIdFor('T-1'));
  });

  it('rebuilds beside the live tables from the store and swaps to the same answers', async () => {
    const w = await cycleWorld('rebuilt', 4, '2032');
    for (const p of w.people) await assess(w, p, 60);
    const before = { distribution: await h.queries.distribution(w.cycleId), cycle: await h.queries.cycle(w.cycleId), alignment: await h.queries.alignment('2032') };
    await rebuildStoreProjection({ projection: performanceReadProjection, dataSource: readDb, store: raw, context: 'performance', logger: silentLogger });
    expect({ distribution: await h.queries.distribution(w.cycleId), cycle: await h.queries.cycle(w.cycleId), alignment: await h.queries.alignment('2032') }).toEqual(before);
  });
});
