export * from './access.decorators';
export * from './access-policy';
