import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { ContextName, PublishedLanguage } from '@tpm/contracts';
import { kafkaNamespace, logTopicOf, topicOf } from '@tpm/contracts';
import { PersonalDataStore, type EventStore } from '@tpm/event-store';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { InboxConsumer, type InboxHandler } from '../inbox-consumer';
import { OutboxRelay } from '../outbox-relay';
import { ensureTopics } from '../topics';
import { HANDLES_EVENT } from './handles-event.decorator';

export interface MessagingModuleOptions {
  context: ContextName;
  /** Injection tokens of the service's store, pool and Kafka client. */
  storeToken: string | symbol;
  poolToken: string | symbol;
  kafkaToken: string | symbol;
  partitions: number;
  /** Topics this service reacts to; its @HandlesEvent methods are discovered. */
  consumes?: string[];
  /**
   * The relay: `published` maps the context's domain events to the integration events it
   * publishes on `<context>.events` (none when absent); every event also goes to `<context>.log`.
   */
  relay?: { published?: PublishedLanguage; batchSize?: number; idleDelayMs?: number; sealEveryMs?: number };
}

/** Published by the performance context (which owns people) when a person is erased. */
const ERASURE_EVENT = 'performance.PersonErased';

export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');
export const INBOX_CONSUMER = Symbol('INBOX_CONSUMER');
const OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Starts the relay and the consumer with the application and stops them with it. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(INBOX_CONSUMER) private readonly consumer: InboxConsumer | null,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject('MESSAGING_KAFKA') private readonly kafka: Kafka,
    @Inject('MESSAGING_STORE') private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, [topicOf(this.options.context), logTopicOf(this.options.context)], this.options.partitions);
    await this.relay.start();
    if (this.consumer) {
      this.consumer.addHandlers(this.withErasure(this.discoverHandlers()));
      await this.consumer.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.relay.stop();
  }

  /**
   * Every service that holds personal data and hears the performance context takes part in an
   * erasure: its own key for the person is destroyed in the inbox transaction, before the
   * service's own reaction (if any) blanks its read models. Built here once, for every service.
   */
  private withErasure(handlers: Record<string, InboxHandler>): Record<string, InboxHandler> {
    const store = this.store;
    if (!(store instanceof PersonalDataStore) || !this.options.consumes?.includes(topicOf('performance'))) return handlers;
    const own = handlers[ERASURE_EVENT];
    return {
      ...handlers,
      [ERASURE_EVENT]: async (envelope, ctx) => {
        const { employeeId } = envelope.data as { employeeId?: unknown };
        if (typeof employeeId === 'string' && employeeId) await store.keys.erase(employeeId, ctx.tx);
        if (own) await own(envelope, ctx);
      },
    };
  }

  private discoverHandlers(): Record<string, InboxHandler> {
    const found: Record<string, InboxHandler> = {};
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const type = this.reflector.get<string>(HANDLES_EVENT, proto[method]);
        if (!type) continue;
        if (found[type]) throw new Error(`Two handlers react to ${type} in one service`);
        found[type] = (proto[method] as InboxHandler).bind(instance);
      }
    }
    return found;
  }
}

@Module({})
export class MessagingModule {
  static forService(options: MessagingModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: OPTIONS, useValue: options },
      { provide: 'MESSAGING_KAFKA', useExisting: options.kafkaToken },
      { provide: 'MESSAGING_STORE', useExisting: options.storeToken },
      {
        provide: OUTBOX_RELAY,
        inject: [options.storeToken, options.poolToken, options.kafkaToken],
        useFactory: (store: EventStore, pool: Pool, kafka: Kafka) =>
          // The relay publishes the log as stored: personal fields stay ciphertext on `<context>.log`.
          new OutboxRelay({ context: options.context, store: store instanceof PersonalDataStore ? store.log : store, pool, kafka, ...options.relay }),
      },
      {
        provide: INBOX_CONSUMER,
        inject: [options.poolToken, options.kafkaToken],
        useFactory: (pool: Pool, kafka: Kafka) =>
          options.consumes?.length
            ? new InboxConsumer({ name: `${kafkaNamespace()}${options.context}-reactions`, kafka, pool, topics: options.consumes, handlers: {} })
            : null,
      },
      MessagingLifecycle,
    ];
    return { module: MessagingModule, imports: [DiscoveryModule], providers, exports: [OUTBOX_RELAY, INBOX_CONSUMER] };
  }
}
