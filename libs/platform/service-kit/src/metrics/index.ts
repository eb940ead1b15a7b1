export * from './metrics.module';
export * from './http-metrics';
export * from './platform-collectors';
