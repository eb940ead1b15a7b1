import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@tpm/testing';
import type { AppendOptions, ExpectedVersion } from '../event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { isSealedField } from './field-cipher';
import { PostgresPersonalDataKeys } from './personal-data-keys';
import { ERASED, type PersonalDataPolicy } from './personal-data-policy';
import { PersonalDataStore } from './personal-data-store';

jest.setTimeout(60_000);

const opts = (expectedVersion: ExpectedVersion): AppendOptions => ({
  expectedVersion,
  metadata: { actor: { subject: 'hr-1', roles: ['hr'] }, correlationId: 'c' },
});

const policy: PersonalDataPolicy = [
  { type: 'Hired', subject: (d: { personId: string }) => d.personId, fields: ['name', 'pay'] },
  { type: 'Reviewed', subject: (d: { personId: string }) => d.personId, fields: ['answers.*.text'] },
];

let db: TestDatabase;
let pool: Pool;
let n = 0;
const masterKey = randomBytes(32);

const open = async (key = masterKey) => {
  const schema = `pd_${++n}`;
  const log = new PostgresEventStore({ pool, schema });
  await log.ensureSchema();
  const keys = new PostgresPersonalDataKeys(pool, key, schema);
  await keys.ensureSchema();
  return { log, keys, store: new PersonalDataStore(log, keys, policy), schema };
};
const storedText = async (schema: string) => (await pool.query<{ t: string }>(`SELECT string_agg(data::text, ' ') AS t FROM ${schema}.events`)).rows[0].t ?? '';

beforeAll(async () => {
  db = await createTestDatabase('personal_data');
  pool = new Pool({ connectionString: db.url, max: 8 });
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

describe('a store with a personal-data policy', () => {
  it('stores personal fields as ciphertext only, and reads them back in the clear', async () => {
    const { store, log, schema } = await open();
    const name = `Ana-${randomUUID()}`;
    await store.append('person-a', [{ eventId: randomUUID(), type: 'Hired', data: { personId: 'p-a', name, pay: 51_000, grade: 'B' } }], opts('no-stream'));

    expect(await storedText(schema)).not.toContain(name);
    expect(await storedText(schema)).not.toContain('51000');
    const [raw] = await log.readStream('person-a');
    expect(isSealedField((raw.data as { name: unknown }).name)).toBe(true);
    expect((raw.data as { grade: string }).grade).toBe('B');
    const [read] = await store.readStream('person-a');
    expect(read.data).toEqual({ personId: 'p-a', name, pay: 51_000, grade: 'B' });
  });

  it('seals every element a wildcard path names, and leaves events without a rule alone', async () => {
    const { store, log } = await open();
    const answers = [{ q: 1, text: 'clear goals' }, { q: 2, text: 'more feedback' }];
    await store.append('person-b', [
      { eventId: randomUUID(), type: 'Reviewed', data: { personId: 'p-b', answers } },
      { eventId: randomUUID(), type: 'Rated', data: { personId: 'p-b', name: 'not declared' } },
    ], opts('no-stream'));
    const raw = await log.readStream('person-b');
    const rawAnswers = (raw[0].data as { answers: { q: number; text: unknown }[] }).answers;
    expect(rawAnswers.map((a) => a.q)).toEqual([1, 2]);
    expect(rawAnswers.every((a) => isSealedField(a.text))).toBe(true);
    expect((raw[1].data as { name: string }).name).toBe('not declared');
    expect((await store.readStream('person-b'))[0].data).toEqual({ personId: 'p-b', answers });
  });

  it('keeps a retried append idempotent: the sealed bytes are the same', async () => {
    const { store } = await open();
    const event = { eventId: randomUUID(), type: 'Hired', data: { personId: 'p-c', name: 'Carla', pay: 1 } };
    await store.append('person-c', [event], opts('no-stream'));
    const again = await store.append('person-c', [event], opts('no-stream'));
    expect(again.duplicate).toBe(true);
  });

  it('reads an erased person as [erased], keeps other people readable, and still verifies', async () => {
    const { store, keys, log } = await open();
    await store.append('person-d', [{ eventId: randomUUID(), type: 'Hired', data: { personId: 'p-d', name: 'Dora', pay: 70_000, grade: 'A' } }], opts('no-stream'));
    await store.append('person-e', [{ eventId: randomUUID(), type: 'Hired', data: { personId: 'p-e', name: 'Emil', pay: 60_000, grade: 'C' } }], opts('no-stream'));
    const before = (await log.readStream('person-d'))[0];

    expect(await keys.erase('p-d')).toEqual({ alreadyErased: false });
    expect(await keys.erase('p-d')).toEqual({ alreadyErased: true });

    expect((await store.readStream('person-d'))[0].data).toEqual({ personId: 'p-d', name: ERASED, pay: null, grade: 'A' });
    expect((await store.readStream('person-e'))[0].data).toMatchObject({ name: 'Emil', pay: 60_000 });
    // The stored bytes and their hash did not change: the history verifies as before.
    expect((await log.readStream('person-d'))[0].hash).toBe(before.hash);
    expect(await store.verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('never makes new data about an erased person readable again', async () => {
    const { store, keys, schema } = await open();
    await keys.erase('p-f');
    await store.append('person-f', [{ eventId: randomUUID(), type: 'Hired', data: { personId: 'p-f', name: 'Fritz', pay: 5 } }], opts('no-stream'));
    expect(await storedText(schema)).not.toContain('Fritz');
    expect((await store.readStream('person-f'))[0].data).toEqual({ personId: 'p-f', name: ERASED, pay: null });
    const { rows } = await pool.query(`SELECT wrapped_key FROM ${schema}.personal_data_keys WHERE subject_id = 'p-f'`);
    expect(rows).toEqual([{ wrapped_key: null }]);
  });

  it('leaves no key behind when writers and an erasure race', async () => {
    const { store, keys, schema } = await open();
    const writes = Array.from({ length: 12 }, (_, i) =>
      store.append(`person-g-${i}`, [{ eventId: randomUUID(), type: 'Hired', data: { personId: 'p-g', name: `Gina ${i}`, pay: i } }], opts('no-stream')),
    );
    await Promise.all([...writes, keys.erase('p-g')]);
    const { rows } = await pool.query(`SELECT wrapped_key FROM ${schema}.personal_data_keys WHERE subject_id = 'p-g'`);
    expect(rows).toEqual([{ wrapped_key: null }]);
    for (let i = 0; i < 12; i++) expect((await store.readStream(`person-g-${i}`))[0].data).toMatchObject({ name: ERASED });
  });

  it('opens personal fields on readAll too, with one key lookup for the batch', async () => {
    const { store } = await open();
    for (const p of ['h1', 'h2', 'h3']) {
      await store.append(`person-${p}`, [{ eventId: randomUUID(), type: 'Hired', data: { personId: p, name: `Name ${p}`, pay: 1 } }], opts('no-stream'));
    }
    const { events } = await store.readAll({ horizon: 'committed' });
    expect(events.map((e) => (e.data as { name: string }).name)).toEqual(['Name h1', 'Name h2', 'Name h3']);
  });

  it('refuses to open keys under another master key', async () => {
    const { store, schema, log } = await open();
    await store.append('person-i', [{ eventId: randomUUID(), type: 'Hired', data: { personId: 'p-i', name: 'Ida', pay: 1 } }], opts('no-stream'));
    const wrongKeys = new PostgresPersonalDataKeys(pool, randomBytes(32), schema);
    await expect(new PersonalDataStore(log, wrongKeys, policy).readStream('person-i')).rejects.toThrow();
  });

  it('refuses a sealed field moved into another event', async () => {
    const { store, log, schema } = await open();
    await store.append('person-j', [{ eventId: randomUUID(), type: 'Hired', data: { personId: 'p-j', name: 'Jan', pay: 1 } }], opts('no-stream'));
    const [raw] = await log.readStream('person-j');
    const forgedId = randomUUID();
    // A writer with table access copies the ciphertext into an event of its own making.
    await log.append('person-k', [{ eventId: forgedId, type: 'Hired', data: { ...(raw.data as object), personId: 'p-j' } }], opts('no-stream'));
    await expect(store.readStream('person-k')).rejects.toThrow();
    expect(schema).toBeTruthy();
  });
});
