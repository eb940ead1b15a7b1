export * from './rewards-read.migration';
export * from './rewards-read-data-source';
export * from './rewards-read.projection';
export * from './rewards-projections.registry';
export * from './rewards.queries';
export * from './rewards.policies';
export * from './rewards.published';
