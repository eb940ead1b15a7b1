import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@tpm/testing';
import { entityTag, execute, retryOnConflict, type CommandContext, type IfMatch } from './command-context';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { counter } from './testing/counter.decider';

jest.setTimeout(60_000);


describe('execute with an If-Match (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const at = '2027-03-01T09:00:00.000Z';
  const contextFor = (ifMatch?: IfMatch): CommandContext => ({ actor: { subject: 'hr-1', roles: ['hr'] }, correlationId: randomUUID(), ...(ifMatch ? { ifMatch } : {}) });
  const add = (streamId: string, context: CommandContext) => execute(store, streamId, counter)(() => ({ type: 'Add', data: { n: 1 } }), { context, at, businessUnitId: () => null });
  const fresh = async (events = 1) => {
    const streamId = `test-${randomUUID()}`;
    for (let i = 0; i < events; i++) await add(streamId, contextFor());
    return streamId;
  };

  beforeAll(async () => {
    db = await createTestDatabase('es_if_match');
    store = new PostgresEventStore({ connectionString: db.url });
    await store.ensureSchema();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('writes when the tag names the stream at the version loaded', async () => {
    const s = await fresh(2);
    const { result } = await add(s, contextFor({ streamId: s, tags: [entityTag(s, 2)] }));
    expect(result.version).toBe(3);
  });

  it('throws PreconditionFailed before deciding when the stream moved on, and appends nothing', async () => {
    const s = await fresh(2);
    await expect(add(s, contextFor({ streamId: s, tags: [entityTag(s, 1)] }))).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', kind: 'precondition' });
    expect(await store.streamVersion(s)).toBe(2);
  });

  it('treats * as "the stream exists"', async () => {
    const s = await fresh(1);
    await add(s, contextFor({ streamId: s, tags: '*' }));
    const none = `test-${randomUUID()}`;
    await expect(add(none, contextFor({ streamId: none, tags: '*' }))).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await store.streamVersion(none)).toBe(0);
  });

  it('checks the named stream before a command writes another stream first, so a stale tag writes nothing at all', async () => {
    const primary = await fresh(1);
    const resource = await fresh(1);
    const context = contextFor({ streamId: primary, tags: [entityTag(primary, 1)] });
    await add(primary, contextFor()); // someone else edits the primary: the tag is stale
    // A handler that books a resource before it writes the primary (as scheduling a session does).
    await expect(add(resource, context)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await store.streamVersion(resource)).toBe(1);
  });

  it('compares only against the named stream: other streams are written at whatever version they are', async () => {
    const primary = await fresh(1);
    const other = await fresh(5);
    const context = contextFor({ streamId: primary, tags: [entityTag(primary, 1)] });
    await add(other, context);
    await add(primary, context);
    expect([await store.streamVersion(other), await store.streamVersion(primary)]).toEqual([6, 2]);
  });

  it('does not check again after the command wrote the named stream (a cancelled session releasing its bookings)', async () => {
    const primary = await fresh(1);
    const booking = await fresh(1);
    const context = contextFor({ streamId: primary, tags: [entityTag(primary, 1)] });
    await add(primary, context);
    await add(booking, context);
    expect(await store.streamVersion(booking)).toBe(2);
  });

  it('answers PreconditionFailed, not a silent write, when a retried command re-reads a stream that moved on', async () => {
    const s = await fresh(1);
    const context = contextFor({ streamId: s, tags: [entityTag(s, 1)] });
    let raced = false;
    const attempt = () =>
      execute(store, s, counter)(
        async () => {
          // Another writer commits between this command's read and its append: a 409, then the retry re-reads.
          if (!raced) {
            raced = true;
            await add(s, contextFor());
          }
          return { type: 'Add', data: { n: 1 } };
        },
        { context, at, businessUnitId: () => null },
      );
    await expect(retryOnConflict(attempt)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await store.streamVersion(s)).toBe(2);
  });

  it('changes nothing without an If-Match', async () => {
    const s = await fresh(3);
    expect((await add(s, contextFor())).result.version).toBe(4);
  });
});
