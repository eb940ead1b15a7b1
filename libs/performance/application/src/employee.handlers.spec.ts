import { ManualClock } from '@tpm/kernel';
import { BusinessUnitNotFound, EmployeeWasOffboarded, ManagerNotFound, ManagerWasOffboarded } from '@tpm/performance-domain';
import { ChangeManagerHandler } from './change-manager.handler';
import type { CommandContext } from '@tpm/event-store';
import { employeeIdFor } from './employee-number.identity';
import { OffboardEmployeeHandler } from './offboard-employee.handler';
import { OnboardEmployeeHandler } from './onboard-employee.handler';
import { employeeStream } from './org.streams';
import { RegisterBusinessUnitHandler } from './register-business-unit.handler';
import { InMemoryEventStore } from './testing/in-memory-event-store.spec-helper';
import { TransferEmployeeHandler } from './transfer-employee.handler';

const context: CommandContext = { actor: { subject: 'hr-1', roles: ['hr'] }, correlationId: 'corr-1' };

describe('employee handlers', () => {
  let store: InMemoryEventStore;
  let clock: ManualClock;
  let boss: string;
  let ana: string;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
    const register = new RegisterBusinessUnitHandler(store, clock);
    await register.handle({ businessUnitId: 'org', name: 'ACME', parentId: null }, context);
    await register.handle({ businessUnitId: 'sales', name: 'Sales', parentId: 'org' }, context);
    await register.handle({ businessUnitId: 'ops', name: 'Ops', parentId: 'org' }, context);
    const onboard = new OnboardEmployeeHandler(store, clock);
    const base = { businessUnitId: 'sales', position: 'Clerk', level: 'staff' as const };
    boss = (await onboard.handle({ ...base, employeeNumber: 'M1', name: 'Boss', managerId: null, level: 'management' }, context)).employeeId;
    ana = (await onboard.handle({ ...base, employeeNumber: 'E1', name: 'Ana', managerId: boss }, context)).employeeId;
  });

  it('onboards under the id derived from the employee number, into its own stream', async () => {
    expect(ana).toBe(employeeIdFor('E1'));
    const [event] = await store.readStream(employeeStream(ana));
    expect(event).toMatchObject({ type: 'EmployeeOnboarded', data: { employeeId: ana, employeeNumber: 'E1', managerId: boss }, metadata: { businessUnitId: 'sales' } });
  });

  it('refuses to onboard into an unknown unit or under an unknown manager', async () => {
    const onboard = new OnboardEmployeeHandler(store, clock);
    const input = { employeeNumber: 'E2', name: 'Ben', businessUnitId: 'sales', position: 'Clerk', managerId: null, level: 'staff' as const };
    await expect(onboard.handle({ ...input, businessUnitId: 'mars' }, context)).rejects.toThrow(BusinessUnitNotFound);
    await expect(onboard.handle({ ...input, managerId: 'nobody' }, context)).rejects.toThrow(ManagerNotFound);
  });

  it('transfers to an existing unit, filed under the receiving unit', async () => {
    const result = await new TransferEmployeeHandler(store, clock).handle({ employeeId: ana, toBusinessUnitId: 'ops' }, context);
    expect(result).toEqual({ streamId: employeeStream(ana), version: 2, appended: 1 });
    const [event] = await store.readStream(employeeStream(ana), { fromVersion: 2 });
    expect(event).toMatchObject({ type: 'EmployeeTransferred', data: { fromBusinessUnitId: 'sales', toBusinessUnitId: 'ops', position: null }, metadata: { businessUnitId: 'ops' } });
  });

  it('refuses a transfer to an unknown unit', async () => {
    await expect(new TransferEmployeeHandler(store, clock).handle({ employeeId: ana, toBusinessUnitId: 'mars' }, context)).rejects.toThrow(BusinessUnitNotFound);
  });

  it('writes nothing for a transfer to the current unit', async () => {
    expect(await new TransferEmployeeHandler(store, clock).handle({ employeeId: ana, toBusinessUnitId: 'sales' }, context)).toMatchObject({ appended: 0, version: 1 });
  });

  it('changes the manager only to an active employee', async () => {
    const change = new ChangeManagerHandler(store, clock);
    await expect(change.handle({ employeeId: ana, managerId: 'nobody' }, context)).rejects.toThrow(ManagerNotFound);
    await expect(change.handle({ employeeId: ana, managerId: null }, context)).resolves.toMatchObject({ appended: 1 });
    await new OffboardEmployeeHandler(store, clock).handle({ employeeId: boss, reason: 'retired' }, context);
    await expect(change.handle({ employeeId: ana, managerId: boss }, context)).rejects.toThrow(ManagerWasOffboarded);
  });

  it('offboards once and refuses to act on the offboarded employee afterwards', async () => {
    const offboard = new OffboardEmployeeHandler(store, clock);
    await expect(offboard.handle({ employeeId: ana, reason: 'resigned' }, context)).resolves.toMatchObject({ appended: 1 });
    await expect(offboard.handle({ employeeId: ana, reason: 'resigned' }, context)).rejects.toThrow(EmployeeWasOffboarded);
    await expect(new TransferEmployeeHandler(store, clock).handle({ employeeId: ana, toBusinessUnitId: 'ops' }, context)).rejects.toThrow(EmployeeWasOffboarded);
  });
});
