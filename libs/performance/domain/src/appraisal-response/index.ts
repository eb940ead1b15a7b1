export * from './appraisal-response.events';
export * from './appraisal-response.commands';
export * from './appraisal-response.errors';
export * from './appraisal-response.decider';
