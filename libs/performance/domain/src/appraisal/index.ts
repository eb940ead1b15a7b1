export * from './appraisal-result';
export * from './appraisal.events';
export * from './appraisal.commands';
export * from './appraisal.errors';
export * from './appraisal.decider';
export * from './what-if';
