export * from './scorecard.events';
export * from './scorecard.commands';
export * from './scorecard.errors';
export * from './scorecard.decider';
