export const PLAN_SETTINGS = Symbol('PLAN_SETTINGS');
