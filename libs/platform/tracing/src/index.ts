export * from './trace-context';
export * from './tracing-sdk';
export * from './log-span-exporter';
export { tracingStarted } from './tracing-state';
