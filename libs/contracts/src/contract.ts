import type { Contract } from './envelope';
import { problemsOf, type Schema } from './schema';

export type AnyContract = Contract<string, number, unknown>;

/** One version of one integration event: its qualified name, version and runtime schema. */
export interface ContractVersion<C extends AnyContract> extends ContractEntry {
  type: C['type'];
  version: C['version'];
  schema: Schema<C['data']>;
}

/** A contract version with its payload type erased: what registries and the relay hold. */
export interface ContractEntry {
  type: string;
  version: number;
  /** Every way `data` breaks this version's schema; empty when it conforms. */
  problems(data: unknown): string[];
}

export const contractVersion = <C extends AnyContract>(type: C['type'], version: C['version'], schema: Schema<C['data']>): ContractVersion<C> => ({
  type,
  version,
  schema,
  problems: (data) => problemsOf(schema, data),
});

/** Raises one version of a contract to the next when it is read; what was published stays as it was. */
export interface ContractUpcaster {
  type: string;
  fromVersion: number;
  toVersion: number;
  upcast(data: unknown): unknown;
}

/** Typed at the definition, untyped in the chain: the chain only ever feeds it `from`'s payload. */
export const contractUpcaster = <From extends AnyContract, To extends AnyContract>(
  from: ContractVersion<From>,
  to: ContractVersion<To>,
  upcast: (data: From['data']) => To['data'],
): ContractUpcaster => {
  if (from.type !== to.type || to.version !== from.version + 1) throw new Error(`An upcaster raises ${from.type} by one version, not to ${to.type} v${to.version}`);
  return { type: from.type, fromVersion: from.version, toVersion: to.version, upcast: (data) => upcast(data as From['data']) };
};

/**
 * What a context publishes on `<context>.events`: for a domain event (as its store reads it, at its
 * current schema version) the integration event it becomes, or null when it stays on `.log` only.
 */
export type PublishedLanguage = (event: { type: string; schemaVersion: number; data: unknown }) => AnyContract | null;

type Of<E extends { type: string }, T> = Extract<E, { type: T }>;

/**
 * Builds a context's PublishedLanguage from one mapping per published domain event type, each
 * typed against its domain event; a type without a mapping is not published.
 */
export const publishedLanguage =
  <E extends { type: string; data: unknown }>(mappings: { [T in E['type']]?: (data: Of<E, T>['data']) => AnyContract }): PublishedLanguage =>
  (event) => {
    const map = (mappings as Record<string, ((data: unknown) => AnyContract) | undefined>)[event.type];
    return map ? map(event.data) : null;
  };
