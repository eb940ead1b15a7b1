export * from './test-database';
export * from './test-kafka';
export * from './eventually';
