export * from './training-read.migration';
export * from './training-read.fold';
export * from './training-read.projection';
export * from './training-read-data-source';
export * from './training-projections.registry';
export * from './training.queries';
export * from './training.policies';
export * from './training.published';
