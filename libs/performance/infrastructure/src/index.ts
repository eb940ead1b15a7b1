export * from './performance.published';
export * from './performance.upcasters';
export * from './anonymous-feedback.holding-area';
export * from './performance.personal-data';
