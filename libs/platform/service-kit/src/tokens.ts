/** Injection tokens shared by every service's wiring. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const KAFKA = Symbol('KAFKA');
/** The Clock handlers stamp commands with: the system clock in services, a manual one in tests. */
export const CLOCK = Symbol('CLOCK');
