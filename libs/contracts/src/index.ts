export * from './envelope';
export * from './performance/org.events';
export * from './performance/appraisal.events';
export * from './performance/goals.events';
export * from './performance/appraisal-cycle.events';
export * from './training/training.events';
export * from './coaching/coaching.events';
