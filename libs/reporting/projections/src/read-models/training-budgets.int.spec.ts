import { silentLogger } from '@tpm/logging';
import { rebuildProjection } from '@tpm/projections';
import { createTopics, eventually, uniqueName } from '@tpm/testing';
import { contextEvents } from '../testing/context-events.fixture';
import { reportingTestEnv } from '../testing/reporting-test-env.spec-helper';
import { DashboardQueries } from './dashboard.queries';
import { TRAINING_BUDGET_TABLE, trainingBudgetsProjection } from './training-budgets.projection';

jest.setTimeout(120_000);

const p = uniqueName('tb').slice(3);
const id = (s: string) => `${p}-${s}`;
const topic = uniqueName('training.log');
const training = contextEvents('training');
const T0 = '2026-01-05T09:00:00.000Z';

let env: Awaited<ReturnType<typeof reportingTestEnv>>;

const drafted = (plan: string, unit: string, budget: number) =>
  training('TrainingPlanDrafted', `plan-${id(plan)}`, { planId: id(plan), businessUnitId: id(unit), period: '2026', version: 1, content: { budget, currency: 'EUR', description: 'free text' }, at: T0 }, { channel: 'log', businessUnitId: id(unit) });
const approved = (plan: string, unit: string, budget: number) =>
  training('TrainingPlanApproved', `plan-${id(plan)}`, { planId: id(plan), version: 1, approvedBy: 'exec', approverRole: 'executive', budget, at: T0 }, { channel: 'log', businessUnitId: id(unit) });
const spent = (plan: string, unit: string, amount: number, spentTotal: number, approvedBudget: number) =>
  training('TrainingSpendRecorded', `plan-${id(plan)}`, { planId: id(plan), spendId: `${id(plan)}-${spentTotal}`, amount, description: 'free text', spentTotal, approvedBudget, at: T0 }, { channel: 'log', businessUnitId: id(unit) });

beforeAll(async () => {
  await createTopics([topic]);
  env = await reportingTestEnv();
});
afterAll(() => env?.close());

describe('training spend against the approved budget (training-budgets projection)', () => {
  it('keeps each plan’s approved budget and running spend, counts a redelivery once, and scopes by unit', async () => {
    const second = spent('p1', 'a', 300, 700, 10_000);
    await env.produce(topic, [
      drafted('p1', 'a', 12_000),
      approved('p1', 'a', 10_000),
      spent('p1', 'a', 400, 400, 10_000),
      second,
      second, // redelivered
      drafted('p2', 'b', 5_000),
      approved('p2', 'b', 5_000),
      drafted('p3', 'a', 1_000), // never approved: no budget to spend against
    ]);
    await env.runner(trainingBudgetsProjection, [topic]).start();
    const q = new DashboardQueries(env.ds);
    await eventually(
      async () => {
        const a = await q.training({ units: [id('a')] });
        expect(a.budgets).toEqual([{ planId: id('p1'), businessUnitId: id('a'), period: '2026', currency: 'EUR', approvedBudget: 10_000, spent: 700, spentPercent: 7 }]);
        const both = await q.training({ units: [id('a'), id('b')], period: '2026' });
        expect(both.budgets.map((b: { planId: unknown; spent: unknown }) => [b.planId, b.spent])).toEqual([
          [id('p1'), 700],
          [id('p2'), 0],
        ]);
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    // No free text reached the table.
    const { rows } = await env.ds.query(`SELECT count(*)::int AS n FROM ${TRAINING_BUDGET_TABLE} t WHERE to_jsonb(t)::text LIKE '%free text%'`).then((r) => ({ rows: r }));
    expect(rows[0].n).toBe(0);
  });

  it('changes nothing when rebuilt beside and swapped in', async () => {
    const snapshot = () => env.ds.query(`SELECT to_jsonb(t) AS r FROM ${TRAINING_BUDGET_TABLE} t WHERE plan_id LIKE $1 ORDER BY plan_id`, [`${p}%`]);
    const before = await snapshot();
    expect(before).toHaveLength(3);
    await env.stopRunners();
    const r = await rebuildProjection({ projection: trainingBudgetsProjection, dataSource: env.ds, kafka: env.kafka, topics: [topic], logger: silentLogger });
    expect(r.applied).toBe(8);
    expect(await snapshot()).toEqual(before);
  });
});
