import { ManualClock } from '@tpm/kernel';
import { createTestDatabase, type TestDatabase } from '@tpm/testing';
import { Pool } from 'pg';
import { cancelDeadlines, DeadlineScheduler, ensureSchedulerSchema, scheduleDeadline, type Deadline } from './deadline-scheduler';

describe('DeadlineScheduler (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  const clock = new ManualClock(new Date('2027-01-01T00:00:00.000Z'));
  const fired: string[] = [];
  const scheduler = (onFire: (d: Deadline) => Promise<void> = async (d) => void fired.push(d.deadlineId)) =>
    new DeadlineScheduler({ pool, clock, handlers: { check: async (d, tx) => {
      await onFire(d);
      await tx.query('INSERT INTO effects (deadline_id) VALUES ($1)', [d.deadlineId]);
    } } });
  const deadline = (id: string, dueAt: string): Deadline => ({ deadlineId: id, stream: `s-${id}`, kind: 'check', dueAt, payload: { id } });
  const effects = async () => (await pool.query<{ deadline_id: string }>('SELECT deadline_id FROM effects ORDER BY deadline_id')).rows.map((r) => r.deadline_id);

  beforeEach(async () => {
    db = await createTestDatabase('scheduler');
    pool = new Pool({ connectionString: db.url });
    await ensureSchedulerSchema(pool);
    await pool.query('CREATE TABLE effects (deadline_id text)');
    fired.length = 0;
    clock.set('2027-01-01T00:00:00.000Z');
  });
  afterEach(async () => {
    await pool.end();
    await db.drop();
  });

  it('fires nothing before the due time and each due deadline once when the clock passes it', async () => {
    await scheduleDeadline(pool, deadline('a', '2027-01-31T00:00:00.000Z'));
    await scheduleDeadline(pool, deadline('a', '2027-01-31T00:00:00.000Z')); // scheduling twice keeps one
    await scheduleDeadline(pool, deadline('b', '2027-03-01T00:00:00.000Z'));
    const s = scheduler();
    expect(await s.tick()).toBe(0);
    clock.advance(31 * 24 * 3600 * 1000);
    expect(await s.tick()).toBe(1);
    expect(await s.tick()).toBe(0);
    expect(await effects()).toEqual(['a']);
  });

  it('fires each deadline exactly once when several replicas tick at the same time', async () => {
    for (let i = 0; i < 40; i++) await scheduleDeadline(pool, deadline(`d${String(i).padStart(2, '0')}`, '2027-01-01T00:00:00.000Z'));
    const replicas = Array.from({ length: 4 }, () => scheduler(async () => new Promise((r) => setTimeout(r, 2))));
    const counts = await Promise.all(replicas.map((r) => r.tick()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    const done = await effects();
    expect(done).toHaveLength(40);
    expect(new Set(done).size).toBe(40);
  });

  it('survives a restart: what was fired stays fired, what was pending fires on the new instance', async () => {
    await scheduleDeadline(pool, deadline('a', '2027-01-02T00:00:00.000Z'));
    await scheduleDeadline(pool, deadline('b', '2027-01-05T00:00:00.000Z'));
    clock.set('2027-01-03T00:00:00.000Z');
    expect(await scheduler().tick()).toBe(1);
    clock.set('2027-01-06T00:00:00.000Z');
    const restarted = scheduler();
    expect(await restarted.tick()).toBe(1);
    expect(await effects()).toEqual(['a', 'b']);
  });

  it('does not fire a cancelled deadline', async () => {
    await scheduleDeadline(pool, deadline('a', '2027-01-02T00:00:00.000Z'));
    await scheduleDeadline(pool, deadline('b', '2027-01-02T00:00:00.000Z'));
    expect(await cancelDeadlines(pool, { stream: 's-a' }, clock.now())).toBe(1);
    clock.set('2027-01-03T00:00:00.000Z');
    expect(await scheduler().tick()).toBe(1);
    expect(await effects()).toEqual(['b']);
  });

  it('rolls back a failing deadline’s effects and retries it on the next tick, firing the others', async () => {
    await scheduleDeadline(pool, deadline('a', '2027-01-02T00:00:00.000Z'));
    await scheduleDeadline(pool, deadline('b', '2027-01-02T00:00:00.000Z'));
    clock.set('2027-01-03T00:00:00.000Z');
    let fail = true;
    const s = scheduler(async (d) => {
      if (d.deadlineId === 'a' && fail) throw new Error('broker down');
    });
    expect(await s.tick()).toBe(1);
    expect(await effects()).toEqual(['b']);
    fail = false;
    expect(await s.tick()).toBe(1);
    expect(await effects()).toEqual(['a', 'b']);
  });
});
