import { BusinessUnitNotFound, orgStructureDecider, type OrgStructure } from '@tpm/performance-domain';
import type { EventStore } from '@tpm/event-store';
import { ORG_STRUCTURE_STREAM } from './org.streams';

/** The current tree, for commands of other aggregates that must name an existing unit. */
export const loadOrgStructure = async (store: EventStore): Promise<{ state: OrgStructure; version: number }> =>
  store.aggregate(ORG_STRUCTURE_STREAM, orgStructureDecider);

export const requireBusinessUnit = async (store: EventStore, businessUnitId: string): Promise<void> => {
  const { state } = await loadOrgStructure(store);
  if (!state.units.has(businessUnitId)) throw new BusinessUnitNotFound(businessUnitId);
};
