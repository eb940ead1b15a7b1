import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  EsdbEventStore,
  PersonalDataStore,
  PostgresEventStore,
  PostgresPersonalDataKeys,
  type EventStore,
  type HmacKey,
  type PersonalDataPolicy,
  type Upcaster,
} from '@tpm/event-store';
import { createLogger } from '@tpm/logging';
import type { Pool } from 'pg';
import type { ServiceConfig } from './config/service-config';
import { VerificationJobs } from './history/verification-jobs';
import { EVENT_LOG, EVENT_STORE, PERSONAL_DATA_KEYS, PG_POOL, SERVICE_CONFIG } from './tokens';

@Injectable()
class EventStoreSchema implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_LOG) private readonly log: EventStore,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PostgresPersonalDataKeys,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}
  async onModuleInit(): Promise<void> {
    if (this.log instanceof PostgresEventStore) await this.log.ensureSchema();
    // EventStoreDB needs no schema, but its $all is the whole server: one service per server.
    if (this.log instanceof EsdbEventStore) await this.log.claimServer(this.config.service);
    // The personal-data keys stay in the service's database either way.
    await this.keys.ensureSchema();
  }
  async onApplicationShutdown(): Promise<void> {
    // The PostgreSQL store shares the service's pool (closed by ServiceKitModule); the gRPC client is the store's own.
    if (this.log instanceof EsdbEventStore) await this.log.close();
  }
}

/**
 * The service's own event store. EVENT_STORE is what handlers, queries and projections use: it
 * seals the context's personal fields with each person's key and opens them on read. EVENT_LOG is
 * the same store as stored (ciphertext): the relay publishes from it and verification checks it.
 * EVENT_STORE_BACKEND picks the store behind EVENT_LOG: PostgreSQL in the service's own database
 * (default) or EventStoreDB/KurrentDB at ESDB_CONNECTION_STRING (ADR 0027); the personal-data keys,
 * checkpoints, inbox and read models stay in PostgreSQL with either. HMAC keys come from the
 * validated config (EVENT_STORE_HMAC_KEYS / EVENT_STORE_HMAC_KEY), which a production service
 * refuses to start without.
 */
@Global()
@Module({})
export class EventStoreModule {
  static forService(
    options: {
      upcasters?: Upcaster[];
      hmacKeys?: HmacKey[];
      /** The context's personal fields: encrypted per person in the store (wired by the privacy work). */
      personalData?: PersonalDataPolicy;
    } = {},
  ): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_LOG,
          inject: [PG_POOL, SERVICE_CONFIG],
          useFactory: (pool: Pool, config: ServiceConfig): EventStore => {
            const hmacKeys = options.hmacKeys ?? config.hmacKeys;
            // Read as a plain object too: a config built without the field (tests' overrides) means the default.
            const chosen = config.eventStore ?? { backend: 'postgres' };
            if (chosen.backend === 'esdb') return new EsdbEventStore({ connectionString: chosen.connectionString, upcasters: options.upcasters, hmacKeys });
            return new PostgresEventStore({ pool, upcasters: options.upcasters, hmacKeys, logger: createLogger('event-store') });
          },
        },
        {
          provide: PERSONAL_DATA_KEYS,
          inject: [PG_POOL, SERVICE_CONFIG],
          useFactory: (pool: Pool, config: ServiceConfig) => new PostgresPersonalDataKeys(pool, config.personalDataMasterKey),
        },
        {
          provide: EVENT_STORE,
          inject: [EVENT_LOG, PERSONAL_DATA_KEYS],
          useFactory: (log: EventStore, keys: PostgresPersonalDataKeys) => new PersonalDataStore(log, keys, options.personalData ?? []),
        },
        EventStoreSchema,
        // Whole-store verification as a job (history controller); global like the store.
        VerificationJobs,
      ],
      exports: [EVENT_STORE, EVENT_LOG, PERSONAL_DATA_KEYS, VerificationJobs],
    };
  }
}
