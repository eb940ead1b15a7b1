export * from './deadline-scheduler';
