export * from './peer-feedback.events';
export * from './peer-feedback.commands';
export * from './peer-feedback.errors';
export * from './peer-feedback.decider';
