export * from './logger';
export * from './kafka-log';
