import { randomUUID } from 'node:crypto';
import { PostgresEventStore, isConcurrencyConflict } from '@tpm/event-store';
import { systemClock } from '@tpm/kernel';
import { createTestDatabase, type TestDatabase } from '@tpm/testing';
import { RegisterBusinessUnitHandler } from './register-business-unit.handler';
import { RenameBusinessUnitHandler } from './rename-business-unit.handler';
import { ORG_STRUCTURE_STREAM } from './org.streams';
import { loadOrgStructure, requireBusinessUnit } from './org-structure.reader';

jest.setTimeout(60_000);

const ctx = () => ({ actor: { subject: 'hris-sync', roles: ['admin' as const] }, correlationId: randomUUID() });

describe('the business-unit tree under concurrent HRIS syncs', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('org_concurrency');
    store = new PostgresEventStore({ connectionString: db.url, poolSize: 12 });
    await store.ensureSchema();
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('registers units that race on the one tree stream without a 409, each exactly once', async () => {
    const register = new RegisterBusinessUnitHandler(store, systemClock);
    await register.handle({ businessUnitId: 'ROOT', name: 'Acme', parentId: null }, ctx());
    const ids = Array.from({ length: 24 }, (_, i) => `BU-${i}`);
    const outcomes = await Promise.allSettled(ids.map((id) => register.handle({ businessUnitId: id, name: id, parentId: 'ROOT' }, ctx())));
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(refused.filter(isConcurrencyConflict)).toEqual([]);
    expect(refused).toEqual([]);
    const events = await store.readStream(ORG_STRUCTURE_STREAM);
    const registered = events.filter((e) => e.type === 'BusinessUnitRegistered').map((e) => (e.data as { businessUnitId: string }).businessUnitId);
    expect(registered.sort()).toEqual(['ROOT', ...ids].sort());
  });

  it('keeps the rules while racing: a rename of one unit and registrations under it all land', async () => {
    const register = new RegisterBusinessUnitHandler(store, systemClock);
    const rename = new RenameBusinessUnitHandler(store, systemClock);
    await Promise.all([
      rename.handle({ businessUnitId: 'BU-0', name: 'Sales' }, ctx()),
      ...['BU-0-A', 'BU-0-B', 'BU-0-C'].map((id) => register.handle({ businessUnitId: id, name: id, parentId: 'BU-0' }, ctx())),
    ]);
    const events = await store.readStream(ORG_STRUCTURE_STREAM);
    expect(events.filter((e) => e.type === 'BusinessUnitRenamed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'BusinessUnitRegistered')).toHaveLength(1 + 24 + 3);
  });

  it('never decides on a stale tree: a unit another replica registered is known at once', async () => {
    const other = new PostgresEventStore({ connectionString: db.url, poolSize: 2 });
    try {
      await requireBusinessUnit(store, 'BU-0');
      const before = await loadOrgStructure(store);
      await new RegisterBusinessUnitHandler(other, systemClock).handle({ businessUnitId: 'BU-FROM-B', name: 'B', parentId: 'ROOT' }, ctx());
      await expect(requireBusinessUnit(store, 'BU-FROM-B')).resolves.toBeUndefined();
      const after = await loadOrgStructure(store);
      expect(after.version).toBe(before.version + 1);
      // A caller changing its copy does not change what the next caller sees.
      after.state.units.delete('BU-0');
      expect((await loadOrgStructure(store)).state.units.has('BU-0')).toBe(true);
      await expect(requireBusinessUnit(store, 'BU-NOPE')).rejects.toThrow(/BU-NOPE/);
    } finally {
      await other.close();
    }
  });
});
