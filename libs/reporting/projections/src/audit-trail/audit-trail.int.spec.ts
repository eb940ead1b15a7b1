import { randomUUID } from 'node:crypto';
import type { ContextName, Envelope } from '@tpm/contracts';
import { silentLogger } from '@tpm/logging';
import { rebuildProjection } from '@tpm/projections';
import { createTopics, eventually, uniqueName } from '@tpm/testing';
import { pause, reportingTestEnv } from '../testing/reporting-test-env.spec-helper';
import { auditTrailProjection } from './audit-trail.projection';
import { AuditQueries, InvalidAuditCursor } from './audit.queries';

jest.setTimeout(90_000);

let env: Awaited<ReturnType<typeof reportingTestEnv>>;
let audit: AuditQueries;
let topics: Record<string, string>;
beforeAll(async () => {
  env = await reportingTestEnv();
  audit = new AuditQueries(env.ds);
  const prefix = uniqueName('audit');
  topics = Object.fromEntries(['training', 'performance', 'coaching', 'rewards'].map((c) => [c, `${prefix}.${c}.log`]));
  await createTopics(Object.values(topics), 3);
});
afterEach(() => env.stopRunners());
afterAll(() => env?.close());

let minute = 0;
const event = (context: ContextName, type: string, streamId: string, over: Partial<Envelope> = {}): Envelope => {
  const at = new Date(Date.parse('2025-05-01T08:00:00Z') + ++minute * 60_000).toISOString();
  return {
    eventId: randomUUID(),
    type: `${context}.${type}`,
    schemaVersion: 1,
    context,
    streamId,
    streamVersion: 1,
    position: minute,
    occurredAt: at,
    recordedAt: at,
    actor: { subject: 'user:hr-ana', roles: ['hr'] },
    businessUnitId: 'bu-sales',
    correlationId: randomUUID(),
    causationId: null,
    traceparent: null,
    data: { n: minute },
    // As a relay puts it on `<context>.log`: a stored event, which no contract upcaster touches.
    channel: 'log',
    ...over,
  };
};
const publish = (events: Envelope[]) => Promise.all(events.map((e) => env.produce(topics[e.context], [e])));
const count = async () => Number((await env.ds.query('SELECT count(*) FROM audit_events'))[0].count);

describe('audit-trail projection', () => {
  const chain = randomUUID();
  const appraisal = event('performance', 'AppraisalFinalized', 'appraisal-1', { correlationId: chain, actor: { subject: 'user:mgr-bo', roles: ['manager'] } });
  const need = event('training', 'TrainingNeedIdentified', 'need-1', { correlationId: chain, causationId: appraisal.eventId, actor: { subject: 'system:training', roles: ['system'] } });
  const enrolled = event('training', 'EmployeeEnrolled', 'session-1', { correlationId: chain, causationId: need.eventId });
  const completed = event('training', 'TrainingCompleted', 'session-1', { correlationId: chain, causationId: enrolled.eventId, businessUnitId: 'bu-ops' });
  const reward = event('rewards', 'RewardGranted', 'reward-1', { correlationId: chain, causationId: completed.eventId });
  const noise = Array.from({ length: 25 }, (_, i) => event('coaching', 'SessionHeld', `coaching-${i % 4}`));
  const all = [appraisal, need, enrolled, completed, reward, ...noise];

  it('records every event of every context once, even when a relay republishes one', async () => {
    // Different partitions and topics arrive in any order: publish the chain shuffled.
    await publish([reward, ...noise, completed, need, appraisal, enrolled, { ...need }]);
    const r = env.runner(auditTrailProjection, Object.values(topics));
    await r.start();
    await eventually(async () => expect(await count()).toBe(all.length));
    await pause(1000);
    expect(await count()).toBe(all.length);
  });

  it('follows a correlation chain across services in the order it happened', async () => {
    const items = await audit.correlationChain(chain);
    expect(items.map((i) => [i.type, i.causationId])).toEqual([
      ['performance.AppraisalFinalized', null],
      ['training.TrainingNeedIdentified', appraisal.eventId],
      ['training.EmployeeEnrolled', need.eventId],
      ['training.TrainingCompleted', enrolled.eventId],
      ['rewards.RewardGranted', completed.eventId],
    ]);
    expect(items[0]).toEqual({
      eventId: appraisal.eventId,
      type: appraisal.type,
      context: 'performance',
      streamId: 'appraisal-1',
      streamVersion: 1,
      position: appraisal.position,
      occurredAt: appraisal.occurredAt,
      recordedAt: appraisal.recordedAt,
      actor: appraisal.actor,
      correlationId: chain,
      causationId: null,
      businessUnitId: 'bu-sales',
      data: appraisal.data,
    });
  });

  it('filters by stream, type, business unit, actor, correlation and time', async () => {
    const ids = async (q: Parameters<AuditQueries['search']>[0]) => (await audit.search(q)).items.map((i) => i.eventId).sort();
    expect(await ids({ streamId: 'session-1' })).toEqual([enrolled.eventId, completed.eventId].sort());
    expect(await ids({ type: 'rewards.RewardGranted' })).toEqual([reward.eventId]);
    expect(await ids({ businessUnitId: 'bu-ops' })).toEqual([completed.eventId]);
    expect(await ids({ actor: 'user:mgr-bo' })).toEqual([appraisal.eventId]);
    expect(await ids({ actor: 'system:training', correlationId: chain })).toEqual([need.eventId]);
    expect(await ids({ from: need.occurredAt, to: completed.occurredAt })).toEqual([need.eventId, enrolled.eventId].sort());
    expect(await ids({ streamId: 'session-1', type: 'training.TrainingCompleted' })).toEqual([completed.eventId]);
  });

  it('pages through results with an opaque cursor until next is null', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await audit.search({ limit: 7, after });
      seen.push(...page.items.map((i) => i.eventId));
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBe(5); // 30 events: 7+7+7+7+2
    expect(new Set(seen).size).toBe(all.length);
    expect((await audit.search({ limit: 30 })).next).toBeNull();
    expect((await audit.search({ limit: 5000 })).items).toHaveLength(30);
    await expect(audit.search({ after: 'garbage' })).rejects.toBeInstanceOf(InvalidAuditCursor);
  });

  it('rebuilds while the live runner serves, without losing events published during the rebuild', async () => {
    const live = env.runner(auditTrailProjection, Object.values(topics));
    await live.start();
    const during = Array.from({ length: 40 }, (_, i) => event('rewards', 'RewardProposed', `reward-x-${i}`));
    let publishing: Promise<unknown> | null = null;
    const result = await rebuildProjection({
      projection: auditTrailProjection,
      dataSource: env.ds,
      kafka: env.kafka,
      topics: Object.values(topics),
      logger: silentLogger,
      onProgress: () => {
        publishing ??= publish(during);
      },
    });
    await publishing;
    expect(result.messages).toBeGreaterThanOrEqual(all.length + 1);
    await eventually(async () => expect(await count()).toBe(all.length + during.length));
    await pause(1500);
    expect(await count()).toBe(all.length + during.length);
    expect((await audit.correlationChain(chain)).map((i) => i.eventId)).toEqual([appraisal, need, enrolled, completed, reward].map((e) => e.eventId));
  });
});
