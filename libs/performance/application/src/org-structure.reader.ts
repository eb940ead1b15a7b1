import { BusinessUnitNotFound, orgStructureDecider, type OrgStructure } from '@tpm/performance-domain';
import type { EventStore } from '@tpm/event-store';
import { ORG_STRUCTURE_STREAM } from './org.streams';

interface FoldedTree {
  version: number;
  state: OrgStructure;
}

/**
 * The tree as last folded, per store. Every load asks the store for the stream's committed
 * version (one indexed row) and folds only the events past the cached one, so an onboarding, a
 * transfer or a cascade no longer reads the whole tree's history; what it decides on is never
 * older than the committed stream.
 */
const folded = new WeakMap<EventStore, FoldedTree>();
const copyOf = (s: OrgStructure): OrgStructure => ({ rootId: s.rootId, units: new Map(s.units), positions: new Map(s.positions) });

/** The current tree, for commands of other aggregates that must name an existing unit (a copy: callers may evolve it). */
export const loadOrgStructure = async (store: EventStore): Promise<{ state: OrgStructure; version: number }> => {
  const cached = folded.get(store);
  const current = await store.streamVersion(ORG_STRUCTURE_STREAM);
  let tree: FoldedTree;
  if (cached && cached.version === current) {
    tree = cached;
  } else if (cached && cached.version < current) {
    const events = await store.readStream(ORG_STRUCTURE_STREAM, { fromVersion: cached.version + 1 });
    const state = events.reduce((s, e) => orgStructureDecider.evolve(s, { type: e.type, data: e.data } as never), copyOf(cached.state));
    tree = { version: events.at(-1)?.streamVersion ?? cached.version, state };
  } else {
    const { state, version } = await store.aggregate(ORG_STRUCTURE_STREAM, orgStructureDecider);
    tree = { version, state };
  }
  folded.set(store, tree);
  return { state: copyOf(tree.state), version: tree.version };
};

export const requireBusinessUnit = async (store: EventStore, businessUnitId: string): Promise<void> => {
  const { state } = await loadOrgStructure(store);
  if (!state.units.has(businessUnitId)) throw new BusinessUnitNotFound(businessUnitId);
};

export interface BusinessUnitView {
  businessUnitId: string;
  name: string;
  parentId: string | null;
  children: string[];
  version: number;
  asOf: string | null;
}

/**
 * One unit as the write side knows it. Now: from the cached tree (only events past the cached
 * version are read). As of an instant: the tree stream folded up to then, the one read that has
 * to replay history (an auditor's question about the past).
 */
export const businessUnitView = async (store: EventStore, businessUnitId: string, asOf?: string): Promise<BusinessUnitView> => {
  const { state, version } = asOf === undefined ? await loadOrgStructure(store) : await store.aggregate(ORG_STRUCTURE_STREAM, orgStructureDecider, { asOf });
  const unit = state.units.get(businessUnitId);
  if (!unit) throw new BusinessUnitNotFound(businessUnitId);
  const children = [...state.units].filter(([, u]) => u.parentId === businessUnitId).map(([id]) => id);
  return { businessUnitId, name: unit.name, parentId: unit.parentId, children, version, asOf: asOf ?? null };
};
