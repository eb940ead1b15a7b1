export const CLOCK = Symbol('CLOCK');
export const REVIEW_THRESHOLDS = Symbol('REVIEW_THRESHOLDS');
