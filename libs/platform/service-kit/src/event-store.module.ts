import { DynamicModule, Global, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { PostgresEventStore, type Upcaster } from '@tpm/event-store';
import { createLogger } from '@tpm/logging';
import type { Pool } from 'pg';
import { EVENT_STORE, PG_POOL } from './tokens';

@Injectable()
class EventStoreSchema implements OnModuleInit {
  constructor(@Inject(EVENT_STORE) private readonly store: PostgresEventStore) {}
  async onModuleInit(): Promise<void> {
    await this.store.ensureSchema();
  }
}

/** The service's own event store, on its own database, shared by handlers and the relay. */
@Global()
@Module({})
export class EventStoreModule {
  static forService(options: { upcasters?: Upcaster[]; hmacKey?: string } = {}): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [PG_POOL],
          useFactory: (pool: Pool) =>
            new PostgresEventStore({
              pool,
              upcasters: options.upcasters,
              hmacKey: options.hmacKey ?? process.env.EVENT_STORE_HMAC_KEY,
              logger: createLogger('event-store'),
            }),
        },
        EventStoreSchema,
      ],
      exports: [EVENT_STORE],
    };
  }
}
