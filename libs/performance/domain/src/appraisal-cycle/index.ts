export * from './appraisal-cycle.events';
export * from './appraisal-cycle.commands';
export * from './appraisal-cycle.errors';
export * from './appraisal-cycle.decider';
