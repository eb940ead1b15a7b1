export * from './event-store';
export * from './errors';
export { canonicalJson } from './canonical-json';
export { EventHasher, UNKEYED, type HmacKey } from './event-hash';
export { loadHmacKeys, isProductionEnvironment, IntegrityConfigurationError } from './integrity-keys';
export { buildAnchorFile, parseAnchorFile, checkAnchorFile, anchorsFromMessages, compareWithAnchors, type AnchorFile, type AnchorMessage } from './anchors';
export { anchorMessage, readAnchorsFromTopic } from './anchors-kafka';
export { UpcasterChain } from './upcasting';
export { survivePgConnectionErrors } from './postgres/pool-errors';
export { PostgresEventStore, type PostgresEventStoreOptions, type GroupCommitStats } from './postgres/postgres-event-store';
export type { SealResult } from './postgres/postgres-integrity';
export { EsdbEventStore, EsdbServerClaimed, type EsdbEventStoreOptions } from './esdb/esdb-event-store';
export { eventStoreBackendOf, EventStoreBackendError, ESDB_URL, type EventStoreBackendChoice } from './event-store-backend';
// The contract suite imports Jest globals: tests import it from './testing/event-store.contract'.
export * from './command-context';
export * from './personal-data/personal-data-policy';
export { PersonalDataStore } from './personal-data/personal-data-store';
export { PostgresPersonalDataKeys, loadPersonalDataMasterKey, type PersonalDataKeys, type KeyLookup } from './personal-data/personal-data-keys';
export { isSealedField, type SealedField } from './personal-data/field-cipher';
