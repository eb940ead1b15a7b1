/** Injection tokens shared by every service's wiring. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
/** The store as the service's code reads and writes it: personal fields sealed per person, opened on read. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The same store as stored (personal fields as ciphertext): for the relay and verification. */
export const EVENT_LOG = Symbol('EVENT_LOG');
/** The service's per-person data keys (PostgresPersonalDataKeys). */
export const PERSONAL_DATA_KEYS = Symbol('PERSONAL_DATA_KEYS');
export const KAFKA = Symbol('KAFKA');
/** The Clock handlers stamp commands with: the system clock in services, a manual one in tests. */
export const CLOCK = Symbol('CLOCK');
