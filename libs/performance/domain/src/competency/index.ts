export * from './competency-evidence.events';
export * from './competency-evidence.decider';
