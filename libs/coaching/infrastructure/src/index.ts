export * from './coaching-read.migration';
export * from './coaching-read.projection';
export * from './coaching-read-data-source';
export * from './coaching-projections.registry';
export * from './coaching.queries';
export * from './coaching.policies';
export * from './coaching.published';
