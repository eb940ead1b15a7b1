export * from './training-read.schema';
export * from './training-read.projection';
export * from './training-projector';
export * from './training.queries';
export * from './training.policies';
export * from './appraisal-results';
export * from './training.published';
