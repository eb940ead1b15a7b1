import { randomUUID } from 'node:crypto';
import type { ContextName, Envelope, OrgEvent } from '@tpm/contracts';

/** Builds published envelopes as the performance relay would, one stream version at a time. */
export function orgEvents(start = Date.parse('2025-03-01T09:00:00Z')) {
  const versions = new Map<string, number>();
  let clock = start;
  let position = 0;
  const envelope = <E extends OrgEvent>(streamId: string, type: E['type'], data: E['data'], bu: string | null, meta: Partial<Envelope> = {}): Envelope => {
    const streamVersion = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamVersion);
    const at = new Date((clock += 60_000)).toISOString();
    return {
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      context: 'performance' as ContextName,
      streamId,
      streamVersion,
      position: ++position,
      occurredAt: at,
      recordedAt: at,
      actor: { subject: 'user:hr-ana', roles: ['hr'] },
      businessUnitId: bu,
      correlationId: randomUUID(),
      causationId: null,
      traceparent: null,
      data: { ...data, at } as E['data'],
      ...meta,
    };
  };
  const unit = (id: string) => `business-unit-${id}`;
  const emp = (id: string) => `employee-${id}`;
  return {
    registered: (id: string, name: string, parentId: string | null = null) =>
      envelope(unit(id), 'performance.BusinessUnitRegistered', { businessUnitId: id, name, parentId, at: '' }, id),
    reparented: (id: string, fromParentId: string | null, toParentId: string) =>
      envelope(unit(id), 'performance.BusinessUnitReparented', { businessUnitId: id, fromParentId, toParentId, at: '' }, id),
    onboarded: (id: string, businessUnitId: string, managerId: string | null = null, level: 'management' | 'staff' = 'staff') =>
      envelope(
        emp(id),
        'performance.EmployeeOnboarded',
        { employeeId: id, employeeNumber: `N-${id}`, businessUnitId, position: 'analyst', managerId, level, at: '' },
        businessUnitId,
      ),
    transferred: (id: string, fromBusinessUnitId: string, toBusinessUnitId: string, position: string | null = null) =>
      envelope(emp(id), 'performance.EmployeeTransferred', { employeeId: id, fromBusinessUnitId, toBusinessUnitId, position, at: '' }, toBusinessUnitId),
    managerChanged: (id: string, fromManagerId: string | null, toManagerId: string | null, bu: string | null = null) =>
      envelope(emp(id), 'performance.EmployeeManagerChanged', { employeeId: id, fromManagerId, toManagerId, at: '' }, bu),
    offboarded: (id: string, businessUnitId: string) =>
      envelope(emp(id), 'performance.EmployeeOffboarded', { employeeId: id, businessUnitId, at: '' }, businessUnitId),
  };
}
