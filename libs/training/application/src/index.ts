export * from './training.streams';
export * from './training.errors';
export * from './ports';
export * from './need.handlers';
export * from './plan.handlers';
export * from './program.handlers';
export * from './resource.handlers';
export * from './session.handlers';
export * from './evaluation.handlers';
export * from './follow-up.handlers';
export * from './review.handlers';
// TEMPORARY, for libs/training/infrastructure/src/training.policies.ts only: delete (revert this
// commit) when that file imports CommandContext from @tpm/event-store.
export type { CommandContext } from '@tpm/event-store';
