export * from './performance.published';
export * from './performance.upcasters';
