import { employeeDecider, ManagerNotFound, ManagerWasOffboarded, type Employee } from '@tpm/performance-domain';
import type { EventStore } from '@tpm/event-store';
import { employeeStream } from './org.streams';

export const loadEmployee = async (store: EventStore, employeeId: string): Promise<{ state: Employee; version: number }> =>
  store.aggregate(employeeStream(employeeId), employeeDecider);

/** A manager is another employee aggregate: only an active one can be named. */
export const requireActiveManager = async (store: EventStore, managerId: string): Promise<void> => {
  const { state } = await loadEmployee(store, managerId);
  if (state.status === 'new') throw new ManagerNotFound(managerId);
  if (state.status === 'offboarded') throw new ManagerWasOffboarded(managerId);
};
