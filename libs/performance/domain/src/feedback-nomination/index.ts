export * from './feedback-nomination.events';
export * from './feedback-nomination.commands';
export * from './feedback-nomination.errors';
export * from './feedback-nomination.decider';
