export * from './logger';
export * from './envelope.mapping';
export * from './topics';
export * from './advisory-lock';
export * from './messaging.schema';
export * from './outbox-relay';
export * from './inbox-consumer';
export * from './nest/handles-event.decorator';
export * from './nest/messaging.module';
// TEMPORARY, for libs/training/infrastructure/src/training.policies.ts only: delete (revert this
// commit) when that file imports deterministicUuid/reactionContext from @tpm/event-store.
export { deterministicUuid } from '@tpm/event-store';
