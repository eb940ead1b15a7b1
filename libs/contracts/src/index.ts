export * from './envelope';
export * from './schema';
export * from './contract';
export * from './published-language';
export * from './performance/org.events';
export * from './performance/appraisal.events';
export * from './training/training.events';
export * from './coaching/coaching.events';
