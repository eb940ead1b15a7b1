export * from './projection';
export * from './projection-logger';
export * from './projection-runner';
export * from './projection-rebuild';
export * from './projection-store.migration';
export * from './envelope.decoder';
export * from './batch.filter';
export { readCheckpoints, type PartitionCheckpoint } from './checkpoint.store';
