// The command path (load, decide, append at the loaded version) is shared by every context.
export { appendDecided, execute, isConcurrencyConflict, retryOnConflict, type CommandContext, type CommandResult } from '@tpm/event-store';
