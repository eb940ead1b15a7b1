import { ManualClock } from '@tpm/kernel';
import { BusinessUnitCycle } from '@tpm/performance-domain';
import type { CommandContext } from '@tpm/event-store';
import { ORG_STRUCTURE_STREAM } from './org.streams';
import { RegisterBusinessUnitHandler } from './register-business-unit.handler';
import { RenameBusinessUnitHandler } from './rename-business-unit.handler';
import { ReparentBusinessUnitHandler } from './reparent-business-unit.handler';
import { InMemoryEventStore } from './testing/in-memory-event-store.spec-helper';

const context: CommandContext = { actor: { subject: 'hr-1', roles: ['hr'] }, correlationId: 'corr-1', causationId: 'cause-1', traceparent: '00-abc-def-01' };

describe('org-structure handlers', () => {
  let store: InMemoryEventStore;
  let clock: ManualClock;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
    const register = new RegisterBusinessUnitHandler(store, clock);
    await register.handle({ businessUnitId: 'org', name: 'ACME', parentId: null }, context);
    await register.handle({ businessUnitId: 'sales', name: 'Sales', parentId: 'org' }, context);
    await register.handle({ businessUnitId: 'ops', name: 'Ops', parentId: 'org' }, context);
  });

  it('appends a registration stamped with the clock and the request metadata', async () => {
    const result = await new RegisterBusinessUnitHandler(store, clock).handle({ businessUnitId: 'emea', name: 'EMEA', parentId: 'sales' }, context);
    expect(result).toEqual({ streamId: ORG_STRUCTURE_STREAM, version: 4, appended: 1 });
    const [event] = await store.readStream(ORG_STRUCTURE_STREAM, { fromVersion: 4 });
    expect(event).toMatchObject({
      type: 'BusinessUnitRegistered',
      data: { businessUnitId: 'emea', name: 'EMEA', parentId: 'sales', at: '2027-03-01T09:00:00.000Z' },
      metadata: { actor: context.actor, businessUnitId: 'emea', correlationId: 'corr-1', causationId: 'cause-1', traceparent: '00-abc-def-01' },
      occurredAt: '2027-03-01T09:00:00.000Z',
    });
  });

  it('writes nothing when the identical unit is registered again', async () => {
    const calls = store.appendCalls;
    const result = await new RegisterBusinessUnitHandler(store, clock).handle({ businessUnitId: 'sales', name: 'Sales', parentId: 'org' }, context);
    expect(result).toEqual({ streamId: ORG_STRUCTURE_STREAM, version: 3, appended: 0 });
    expect(store.appendCalls).toBe(calls);
  });

  it('re-parents a unit and refuses a move under its own descendant', async () => {
    const reparent = new ReparentBusinessUnitHandler(store, clock);
    await expect(reparent.handle({ businessUnitId: 'ops', toParentId: 'sales' }, context)).resolves.toMatchObject({ appended: 1 });
    await expect(reparent.handle({ businessUnitId: 'sales', toParentId: 'ops' }, context)).rejects.toThrow(BusinessUnitCycle);
  });

  it('renames a unit', async () => {
    await new RenameBusinessUnitHandler(store, clock).handle({ businessUnitId: 'ops', name: 'Operations' }, context);
    expect(store.all().slice(-1).map((e) => e.type)).toEqual(['BusinessUnitRenamed']);
  });
});
