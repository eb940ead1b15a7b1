export * from './goal.events';
export * from './goal.commands';
export * from './goal.errors';
export * from './goal.decider';
export * from './alignment-tree';
