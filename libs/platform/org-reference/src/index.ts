export * from './org-reference.schema';
export * from './org-reference.reactions';
export * from './org-directory';
export * from './org-reference.module';
