import { silentLogger } from '@tpm/logging';
import { rebuildProjection } from '@tpm/projections';
import { createTopics, eventually, uniqueName } from '@tpm/testing';
import { orgEvents } from '../testing/org-events.fixture';
import { pause, reportingTestEnv } from '../testing/reporting-test-env.spec-helper';
import { orgStructureProjection } from './org-structure.projection';
import { OrgQueries } from './org.queries';

jest.setTimeout(90_000);

let env: Awaited<ReturnType<typeof reportingTestEnv>>;
let org: OrgQueries;
beforeAll(async () => {
  env = await reportingTestEnv();
  org = new OrgQueries(env.ds);
});
afterEach(() => env.stopRunners());
afterAll(() => env?.close());

// Each test reads its own topic into the same tables, so unit and employee ids are test-unique.
const ids = () => {
  const p = uniqueName('t').slice(2);
  return (id: string) => `${p}-${id}`;
};

/** group ─┬─ sales ─┬─ north
 *         │         └─ south
 *         └─ ops                                                          */
async function orgWithHistory() {
  const id = ids();
  const o = orgEvents();
  const topic = uniqueName('performance.events');
  await createTopics([topic], 3);
  const history = [
    o.registered(id('group'), 'Group'),
    o.registered(id('sales'), 'Sales', id('group')),
    o.registered(id('north'), 'Sales North', id('sales')),
    o.registered(id('south'), 'Sales South', id('sales')),
    o.registered(id('ops'), 'Operations', id('group')),
    o.onboarded(id('ceo'), id('group'), null, 'management'),
    o.onboarded(id('n1'), id('north'), id('ceo')),
    o.onboarded(id('n2'), id('north'), id('ceo')),
    o.onboarded(id('s1'), id('south'), id('ceo')),
    o.onboarded(id('o1'), id('ops'), id('ceo')),
    // Several events for one employee in what is read as one batch: only the last state counts.
    o.onboarded(id('mover'), id('north')),
    o.transferred(id('mover'), id('north'), id('south'), 'lead'),
    o.managerChanged(id('mover'), null, id('s1')),
    o.transferred(id('mover'), id('south'), id('ops')),
    o.onboarded(id('leaver'), id('ops')),
    o.offboarded(id('leaver'), id('ops')),
  ];
  await env.produce(topic, history);
  return { id, o, topic, history };
}

const headcounts = async (id: (s: string) => string) =>
  Object.fromEntries(
    await Promise.all(
      ['group', 'sales', 'north', 'south', 'ops'].map(async (u) => {
        const v = await org.businessUnit(id(u));
        return [u, v && [v.headcount, v.headcountWithDescendants]];
      }),
    ),
  );

describe('org-structure projection', () => {
  it('maintains direct and subtree headcounts across a business-unit tree with transfers and offboardings', async () => {
    const { id, o, topic } = await orgWithHistory();
    const r = env.runner(orgStructureProjection, [topic]);
    await r.start();
    await eventually(async () =>
      expect(await headcounts(id)).toEqual({ group: [1, 6], sales: [0, 3], north: [2, 2], south: [1, 1], ops: [2, 2] }),
    );
    expect(await org.businessUnit(id('north'))).toEqual({ businessUnitId: id('north'), name: 'Sales North', parentId: id('sales'), headcount: 2, headcountWithDescendants: 2 });
    const [mover] = (await org.employees(id('ops'))).filter((e) => e.employeeId === id('mover'));
    expect(mover).toEqual(expect.objectContaining({ businessUnitId: id('ops'), position: 'lead', managerId: id('s1'), active: true }));
    expect((await org.employees(id('ops'), { includeInactive: true })).map((e) => [e.employeeId, e.active])).toContainEqual([id('leaver'), false]);

    // Moving a unit moves its people in every ancestor's total.
    await env.produce(topic, [o.reparented(id('south'), id('sales'), id('ops')), o.transferred(id('n2'), id('north'), id('south'))]);
    await eventually(async () =>
      expect(await headcounts(id)).toEqual({ group: [1, 6], sales: [0, 1], north: [1, 1], south: [2, 2], ops: [2, 4] }),
    );
    expect((await org.children(id('group'))).map((u) => [u.name, u.headcountWithDescendants])).toEqual([
      ['Operations', 4],
      ['Sales', 1],
    ]);
    expect((await org.subtree(id('group'))).map((u) => [u.businessUnitId, u.depth, u.headcountWithDescendants])).toEqual([
      [id('group'), 0, 6],
      [id('ops'), 1, 4],
      [id('sales'), 1, 1],
      [id('north'), 2, 1],
      [id('south'), 2, 2],
    ]);
    expect(await org.businessUnit('no-such-unit')).toBeNull();
  });

  it('counts nobody twice when the history is redelivered to a restarted runner under a fresh group', async () => {
    const { id, o, topic } = await orgWithHistory();
    const r1 = env.runner(orgStructureProjection, [topic]);
    await r1.start();
    await eventually(async () => expect((await org.businessUnit(id('group')))?.headcountWithDescendants).toBe(6));
    await r1.stop();
    await env.produce(topic, [o.onboarded(id('late'), id('north'))]);
    const r2 = env.runner(orgStructureProjection, [topic]);
    await r2.start();
    await eventually(async () => expect((await org.businessUnit(id('group')))?.headcountWithDescendants).toBe(7));
    await pause(1500);
    expect(await headcounts(id)).toEqual({ group: [1, 7], sales: [0, 4], north: [3, 3], south: [1, 1], ops: [2, 2] });
  });

  it('rebuilds beside the live tables and swaps in an identical read model while the runner keeps serving', async () => {
    const { id, o, topic } = await orgWithHistory();
    const live = env.runner(orgStructureProjection, [topic]);
    await live.start();
    await eventually(async () => expect((await org.businessUnit(id('group')))?.headcountWithDescendants).toBe(6));
    const snapshot = async () => ({
      units: await env.ds.query(`SELECT business_unit_id, name, parent_id, headcount FROM org_business_units WHERE business_unit_id LIKE $1 ORDER BY 1`, [id('%')]),
      employees: await env.ds.query(
        `SELECT employee_id, employee_number, business_unit_id, manager_id, level, position, active, onboarded_at, offboarded_at
           FROM org_employees WHERE employee_id LIKE $1 ORDER BY 1`,
        [id('%')],
      ),
    });
    const before = await snapshot();

    const readsDuringRebuild: (number | undefined)[] = [];
    await rebuildProjection({
      projection: orgStructureProjection,
      dataSource: env.ds,
      kafka: env.kafka,
      // Only this test's topic: the rebuilt tables drop the earlier tests' rows, hence the scoped check.
      topics: [topic],
      logger: silentLogger,
      onProgress: () => void org.businessUnit(id('group')).then((v) => readsDuringRebuild.push(v?.headcountWithDescendants)),
    });
    expect(await snapshot()).toEqual(before);
    expect(readsDuringRebuild.every((n) => n === 6)).toBe(true);

    // The live runner carries on from the swapped checkpoints.
    await env.produce(topic, [o.offboarded(id('n1'), id('north'))]);
    await eventually(async () => expect((await org.businessUnit(id('group')))?.headcountWithDescendants).toBe(5));
  });
});
