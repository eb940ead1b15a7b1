import type { ContextName, Envelope } from '@tpm/contracts';
import type { RecordedEvent } from '@tpm/event-store';
import { toEnvelope } from '@tpm/messaging';
import type { EntityManager } from 'typeorm';
import { handlesType, liveTables, type Projection, type TableNames } from './projection';
import { StoreFeed, type StoreFeedOptions } from './store-feed';

export interface StoreProjectionRunnerOptions extends StoreFeedOptions {
  projection: Projection;
  /** The service's context: stored types gain its prefix, as on Kafka (`training.EmployeeEnrolled`). */
  context: ContextName;
}

/** The store types a projection reads (the store keeps its own names unprefixed); undefined = all. */
export const storeTypesOf = (projection: Projection, context: ContextName): string[] | undefined =>
  projection.handles.includes('*') ? undefined : projection.handles.map((t) => (t.startsWith(`${context}.`) ? t.slice(context.length + 1) : t));

/** The same envelopes the Kafka source yields, so one `Projection` serves both sources. */
export const storeEnvelopes = (projection: Projection, context: ContextName, events: RecordedEvent[]): Envelope[] =>
  events.map((e) => toEnvelope(context, e)).filter((e) => handlesType(projection, e.type));

export const applyStoreEvents = (projection: Projection, context: ContextName, events: RecordedEvent[], tx: EntityManager, tables: TableNames): Promise<void> => {
  const envelopes = storeEnvelopes(projection, context, events);
  return envelopes.length ? projection.apply(envelopes, tx, tables) : Promise.resolve();
};

/**
 * A read model of the service's own events, fed from its store rather than Kafka: commands may
 * wait on it (`waitFor`, `catchUp`) and never depend on the broker being up.
 */
export class StoreProjectionRunner extends StoreFeed {
  protected readonly transactionPerEvent = false;
  private readonly projection: Projection;
  private readonly context: ContextName;

  constructor(options: StoreProjectionRunnerOptions) {
    super(options.projection.name, options.projection.version, storeTypesOf(options.projection, options.context), options);
    this.projection = options.projection;
    this.context = options.context;
  }

  /** The envelope the projection is given, so a replay decodes it as it would a Kafka message. */
  protected override parkedValue(event: RecordedEvent): { eventType: string; raw: string } {
    const envelope = toEnvelope(this.context, event);
    return { eventType: envelope.type, raw: JSON.stringify(envelope) };
  }

  protected apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    return applyStoreEvents(this.projection, this.context, events, tx, liveTables(this.projection));
  }
}
