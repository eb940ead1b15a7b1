export * from './envelope.mapping';
export * from './topics';
export * from './advisory-lock';
export * from './messaging.schema';
export * from './outbox-relay';
export * from './inbox-consumer';
export * from './nest/handles-event.decorator';
export * from './nest/messaging.module';
