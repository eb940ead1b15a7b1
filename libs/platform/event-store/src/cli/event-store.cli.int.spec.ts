import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, createTopics, eventually, testBrokers, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import { anchorMessage } from '../anchors-kafka';
import type { SealRecord } from '../event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';

// The integration project's testTimeout is not applied per project: set it here.
jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../../../../..');
const KEYS = 'k1:a-key-the-auditors-and-the-service-share-0001';
const cliWith = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ['-r', '@swc-node/register', 'libs/platform/event-store/src/cli/event-store.cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', EVENT_STORE_HMAC_KEY: '', EVENT_STORE_HMAC_KEYS: '', EVENT_STORE_BACKEND: '', ...env },
  });
const cli = (...args: string[]) => cliWith({}, ...args);
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);

let db: TestDatabase;
let store: PostgresEventStore;
beforeAll(async () => {
  db = await createTestDatabase('es_cli');
  store = new PostgresEventStore({ connectionString: db.url, schema: 'audit' });
  await store.ensureSchema();
  await store.append('employee-1', [{ eventId: randomUUID(), type: 'Hired', data: { grade: 'B' } }], {
    expectedVersion: 'no-stream',
    metadata: { actor: { subject: 'hr-1', roles: ['hr'] }, correlationId: 'c' },
  });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

describe('event-store CLI', () => {
  it('seals, then verifies intact history with exit code 0 and a JSON report', async () => {
    const seal = cli('seal', '--database-url', db.url, '--schema', 'audit');
    expect(seal.status).toBe(0);
    expect(lastJson(seal.stdout)).toMatchObject({ sealed: expect.any(Boolean) });
    const verify = cli('verify', '--database-url', db.url, '--schema', 'audit');
    expect(verify.status).toBe(0);
    expect(lastJson(verify.stdout)).toMatchObject({ ok: true, eventsChecked: 1 });
  });

  it('exits 1 and names the problem when history was edited', async () => {
    await store.withClient((c) => c.query(`UPDATE audit.events SET data = '{"grade":"A"}'`));
    const verify = cli('verify', `--database-url=${db.url}`, '--schema=audit');
    expect(verify.status).toBe(1);
    expect(lastJson(verify.stdout).problems).toContainEqual(expect.objectContaining({ kind: 'event-hash-mismatch', streamId: 'employee-1' }));
  });

  it('opens the store the service is configured with, and exits 2 naming the variable when that is incomplete', () => {
    const result = cliWith({ EVENT_STORE_BACKEND: 'esdb', ESDB_CONNECTION_STRING: '' }, 'verify', '--database-url', db.url);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('ESDB_CONNECTION_STRING must be set to an esdb:// URL when EVENT_STORE_BACKEND=esdb');
  });

  it('exits 2 with usage when the command is unknown', () => {
    const result = cli('rebuild', '--database-url', db.url);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage:');
  });
});

describe('event-store CLI with anchors', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anchors-'));
  const meta = { expectedVersion: 'any' as const, metadata: { actor: { subject: 'hr-1', roles: ['hr' as const] }, correlationId: 'c' } };
  let n = 0;
  /** A keyed store with two seals; returns it and its schema. */
  const keyedStore = async () => {
    const schema = `anchored_${++n}`;
    const keyed = new PostgresEventStore({ connectionString: db.url, schema, hmacKeys: [{ id: 'k1', secret: KEYS.slice(3) }] });
    await keyed.ensureSchema();
    await keyed.append('employee-1', [{ eventId: randomUUID(), type: 'Hired', data: { grade: 'B' } }], meta);
    await eventually(async () => expect(await keyed.seal()).not.toBeNull());
    await keyed.append('employee-2', [{ eventId: randomUUID(), type: 'Hired', data: { grade: 'C' } }], meta);
    await eventually(async () => expect(await keyed.seal()).not.toBeNull());
    return { keyed, schema };
  };
  /** Attack (a): the newest seal and the events after the previous one deleted. */
  const deleteNewestSeal = async (keyed: PostgresEventStore, schema: string, seals: SealRecord[]) => {
    const [tx, position] = seals[0].upto.split(':');
    await keyed.withClient(async (c) => {
      await c.query(`DELETE FROM ${schema}.events WHERE (tx_id, global_position) > ('${tx}'::xid8, ${position})`);
      await c.query(`DELETE FROM ${schema}.seals WHERE seal_no = 2`);
      await c.query(`DELETE FROM ${schema}.streams WHERE stream_id = 'employee-2'`);
    });
  };

  it('exports HMAC-signed anchors from the store and verify --anchors finds the newest seal deleted with its events', async () => {
    const { keyed, schema } = await keyedStore();
    const file = path.join(dir, `${schema}.json`);
    const exported = cliWith({ EVENT_STORE_HMAC_KEYS: KEYS }, 'export-anchors', '--out', file, '--database-url', db.url, '--schema', schema);
    expect(exported.status).toBe(0);
    expect(lastJson(exported.stdout)).toMatchObject({ seals: 2, lastSeal: 2, totalEvents: 2, signed: true });
    expect(cliWith({ EVENT_STORE_HMAC_KEYS: KEYS }, 'verify', '--anchors', file, '--database-url', db.url, '--schema', schema).status).toBe(0);

    await deleteNewestSeal(keyed, schema, await keyed.listSeals());
    // Without the anchors nothing shows; with them the missing seal is named.
    expect(cliWith({ EVENT_STORE_HMAC_KEYS: KEYS }, 'verify', '--database-url', db.url, '--schema', schema).status).toBe(0);
    const verify = cliWith({ EVENT_STORE_HMAC_KEYS: KEYS }, 'verify', '--anchors', file, '--database-url', db.url, '--schema', schema);
    expect(verify.status).toBe(1);
    expect(lastJson(verify.stdout).problems).toEqual([
      expect.objectContaining({ kind: 'anchor-seal-missing', seal: 2 }),
      expect.objectContaining({ kind: 'anchor-events-missing', seal: 2 }),
    ]);
    await keyed.close();
  });

  it('reports an anchor file edited after export', async () => {
    const { keyed, schema } = await keyedStore();
    const file = path.join(dir, `${schema}.json`);
    expect(cliWith({ EVENT_STORE_HMAC_KEYS: KEYS }, 'export-anchors', `--out=${file}`, '--database-url', db.url, '--schema', schema).status).toBe(0);
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.seals.pop(); // hide the newest seal from the auditor's copy
    writeFileSync(file, JSON.stringify(edited));
    const verify = cliWith({ EVENT_STORE_HMAC_KEYS: KEYS }, 'verify', '--anchors', file, '--database-url', db.url, '--schema', schema);
    expect(verify.status).toBe(1);
    expect(lastJson(verify.stdout).problems).toEqual([expect.objectContaining({ kind: 'anchor-invalid', detail: expect.stringContaining('edited after export') })]);
    await keyed.close();
  });

  it('reads the seals topic: export-anchors --from-topic and verify --anchors-topic find the deleted seal', async () => {
    const { keyed, schema } = await keyedStore();
    const topic = uniqueName('performance.seals');
    await createTopics([topic], 1);
    const seals = await keyed.listSeals();
    const producer = testKafka().producer();
    await producer.connect();
    // What the relay does after each seal (and a duplicate, as a retried send would leave).
    await producer.send({ topic, acks: -1, messages: [...seals, seals[1]].map((s) => anchorMessage('performance', s)) });
    await producer.disconnect();
    const env = { EVENT_STORE_HMAC_KEYS: KEYS, KAFKA_BROKERS: testBrokers().join(',') };
    const file = path.join(dir, `${schema}-topic.json`);
    const exported = cliWith(env, 'export-anchors', '--from-topic', topic, '--out', file, '--database-url', db.url, '--schema', schema);
    expect(exported.status).toBe(0);
    expect(lastJson(exported.stdout)).toMatchObject({ seals: 2, lastSeal: 2 });
    expect(JSON.parse(readFileSync(file, 'utf8')).source).toEqual({ kind: 'topic', topic });

    await deleteNewestSeal(keyed, schema, seals);
    const verify = cliWith(env, 'verify', '--anchors-topic', topic, '--database-url', db.url, '--schema', schema);
    expect(verify.status).toBe(1);
    expect(lastJson(verify.stdout)).toMatchObject({ anchorsChecked: 2 });
    expect(lastJson(verify.stdout).problems).toContainEqual(expect.objectContaining({ kind: 'anchor-seal-missing', seal: 2 }));
    await keyed.close();
  });
});
