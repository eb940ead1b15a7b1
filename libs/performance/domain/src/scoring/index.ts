export * from './scoring.errors';
export * from './scoring-method';
export * from './score-indicator';
export * from './rating-bands';
