export * from './test-database';
export * from './test-kafka';
export * from './eventually';
export * from './faults/fault-infra';
export * from './faults/fault-service';
