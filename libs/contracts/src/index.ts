export * from './envelope';
export * from './performance/org.events';
