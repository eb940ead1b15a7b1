import type { LogPosition, RecordedEvent } from '@tpm/event-store';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { StoreFeed, type StoreFeedOptions } from './store-feed';

/** One step of a process manager: local writes on `tx`; appends carry ids derived from the event. */
export type EventPolicy = (event: RecordedEvent, tx: PoolClient) => Promise<void>;

export interface StoreProcessorOptions extends StoreFeedOptions {
  /** Its checkpoint's name, apart from every projection's. */
  name: string;
  policy: EventPolicy;
  /** Store types it reacts to; undefined reads every type. */
  types?: string[];
  /** Read models the policy queries: each must have reached a read's end before it is handled. */
  dependsOn?: { waitFor(position: LogPosition): Promise<void> }[];
}

/**
 * A process manager fed from the service's own store, with a checkpoint of its own: each event's
 * policy work and the checkpoint commit in one transaction. What the policy appends to the store
 * commits on its own, with ids derived from the event, so an event handled again after a crash
 * appends nothing twice.
 */
export class StoreProcessor extends StoreFeed {
  protected readonly transactionPerEvent = true;

  constructor(private readonly processorOptions: StoreProcessorOptions) {
    super(processorOptions.name, 1, processorOptions.types, processorOptions);
  }

  protected override async beforeApply(upTo: LogPosition): Promise<void> {
    for (const d of this.processorOptions.dependsOn ?? []) await d.waitFor(upTo);
  }

  protected async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    // Policies speak pg (`{ rows }`): hand them the transaction's own connection.
    const client = (tx.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    for (const e of events) await this.processorOptions.policy(e, client);
  }
}
