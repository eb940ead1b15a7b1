import type { Provider } from '@nestjs/common';
import type { EventStore } from '@tpm/event-store';
import type { Clock } from '@tpm/kernel';
import { CLOCK, EVENT_STORE } from './tokens';

/** A command handler that needs nothing but the service's store and clock (most of them). */
export type StoreAndClockHandler = new (store: EventStore, clock: Clock) => unknown;

/** Providers for plain handler classes: each is constructed with the store and the clock. */
export const commandHandlers = (classes: StoreAndClockHandler[]): Provider[] =>
  classes.map((cls) => ({ provide: cls, inject: [EVENT_STORE, CLOCK], useFactory: (store: EventStore, clock: Clock) => new cls(store, clock) }));
