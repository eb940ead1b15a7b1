import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';
import type { ContextName } from '@tpm/contracts';
import { ESDB_URL, IntegrityConfigurationError, isProductionEnvironment, loadHmacKeys, loadPersonalDataMasterKey, type HmacKey } from '@tpm/event-store';
import { TRACES_EXPORTERS, TRACES_SAMPLERS, type TracesExporter, type TracesSampler } from '@tpm/tracing';

/** Where a service keeps its events: PostgreSQL (its own database, the default) or EventStoreDB/KurrentDB (ADR 0027). */
export const EVENT_STORE_BACKENDS = ['postgres', 'esdb'] as const;
export type EventStoreBackend = (typeof EVENT_STORE_BACKENDS)[number];

/** The environment a service reads, validated once at boot so a typo fails loudly and early. */
export class ServiceEnvironment {
  @IsOptional() @IsInt() @Min(1) @Max(65535) PORT?: number;
  @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' }) DATABASE_URL!: string;
  @IsString() @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS!: string;
  @IsOptional() @IsInt() @Min(1) @Max(256) KAFKA_PARTITIONS?: number;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL?: string;
  @IsOptional() @IsString() CORS_ORIGINS?: string;
  @IsOptional() @IsString() BODY_LIMIT?: string;
  @IsOptional() @IsString() CSV_LIMIT?: string;
  @IsOptional() @IsInt() @Min(100) @Max(3_600_000) EVENT_STORE_SEAL_EVERY_MS?: number;
  @IsOptional() @IsInt() @Min(0) @Max(600_000) HISTORY_VERIFY_WAIT_MS?: number;
  @IsOptional() @IsIn(EVENT_STORE_BACKENDS, { message: 'EVENT_STORE_BACKEND must be postgres or esdb' }) EVENT_STORE_BACKEND?: EventStoreBackend;
  // Checked only for the esdb backend, so a stale value beside postgres stops nothing.
  @ValidateIf((e: ServiceEnvironment) => e.EVENT_STORE_BACKEND === 'esdb')
  @Matches(ESDB_URL, { message: 'ESDB_CONNECTION_STRING must be set to an esdb:// URL when EVENT_STORE_BACKEND=esdb' })
  ESDB_CONNECTION_STRING?: string;
  // Tracing, by the OpenTelemetry variable names; off unless OTEL_TRACES_EXPORTER names an exporter.
  @IsOptional() @IsIn([...TRACES_EXPORTERS], { message: `OTEL_TRACES_EXPORTER must be one of ${TRACES_EXPORTERS.join(', ')}` }) OTEL_TRACES_EXPORTER?: TracesExporter;
  @IsOptional() @IsIn(['true', 'false'], { message: 'OTEL_SDK_DISABLED must be true or false' }) OTEL_SDK_DISABLED?: string;
  @IsOptional() @IsString() @Matches(/^https?:\/\/[^\s/]+/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s):// URL' }) OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  @IsOptional() @IsString() @Matches(/^https?:\/\/[^\s/]+/, { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s):// URL' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  @IsOptional() @IsString() @Matches(/^\S+$/, { message: 'OTEL_SERVICE_NAME must be a non-empty name without spaces' }) OTEL_SERVICE_NAME?: string;
  @IsOptional() @IsIn([...TRACES_SAMPLERS], { message: `OTEL_TRACES_SAMPLER must be one of ${TRACES_SAMPLERS.join(', ')}` }) OTEL_TRACES_SAMPLER?: TracesSampler;
  @IsOptional() @IsNumber({}, { message: 'OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1' }) @Min(0) @Max(1) OTEL_TRACES_SAMPLER_ARG?: number;
}

export interface TracingConfig {
  /** 'none' (the default): no SDK starts and the platform's spans are the API's no-ops. */
  exporter: TracesExporter;
  /** OTEL_SERVICE_NAME, else the service's name. */
  serviceName: string;
  sampler: TracesSampler;
  samplerArg: number;
}

export interface ServiceConfig {
  service: ContextName;
  port: number;
  /** This service's own database (never another service's). */
  databaseUrl: string;
  kafkaBrokers: string[];
  kafkaPartitions: number;
  logLevel: string;
  corsOrigins: string[];
  bodyLimit: string;
  csvLimit: string;
  /** NODE_ENV=production or JWKS authentication (as @tpm/auth decides). */
  production: boolean;
  /** HMAC keys of the event store, current first; empty in development without a key. */
  hmacKeys: HmacKey[];
  /** Wraps every person's data key (PERSONAL_DATA_MASTER_KEY; a fixed public key in development). */
  personalDataMasterKey: Buffer;
  /** How often the relay seals the log (and anchors the seals on `<context>.seals`). */
  sealEveryMs: number;
  /** How long `GET /history/verify` waits for the verification it starts before answering 202. */
  verifyWaitMs: number;
  /** The event store behind EVENT_LOG (EVENT_STORE_BACKEND, ESDB_CONNECTION_STRING). */
  eventStore: { backend: 'postgres' } | { backend: 'esdb'; connectionString: string };
  tracing: TracingConfig;
}

export const DEFAULT_PORTS: Record<ContextName, number> = {
  training: 3001,
  performance: 3002,
  coaching: 3003,
  rewards: 3004,
  reporting: 3005,
};

/** `<SERVICE>_DATABASE_URL` wins; otherwise DATABASE_URL's server with the database `tpm_<service>`. */
export const serviceDatabaseUrl = (service: ContextName, env: NodeJS.ProcessEnv): string => {
  const own = env[`${service.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  const url = new URL(env.DATABASE_URL as string);
  url.pathname = `/tpm_${service}`;
  return url.toString();
};

export class InvalidConfiguration extends Error {
  override readonly name = 'InvalidConfiguration';
}

/**
 * The env schema, checked once: by `loadServiceConfig` and, with the same rules, as the
 * `validate` of `@nestjs/config`'s ConfigModule (ServiceKitModule), so ConfigService serves the
 * validated environment. Throws InvalidConfiguration naming every variable that is wrong.
 */
export function validateServiceEnvironment(service: ContextName, env: Record<string, unknown>): ServiceEnvironment {
  const parsed = plainToInstance(ServiceEnvironment, env, { enableImplicitConversion: true });
  const errors = validateSync(parsed, { skipMissingProperties: false, whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new InvalidConfiguration(`Invalid configuration for ${service}:\n  ${lines.join('\n  ')}`);
  }
  return parsed;
}

export function loadServiceConfig(service: ContextName, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const parsed = validateServiceEnvironment(service, env);
  const production = isProductionEnvironment(env);
  let hmacKeys: HmacKey[];
  let personalDataMasterKey: Buffer;
  try {
    // Production refuses to start without a key: a plain hash chain stops no one who can write the tables.
    hmacKeys = loadHmacKeys(env, { production });
    personalDataMasterKey = loadPersonalDataMasterKey(env, { production });
  } catch (e) {
    if (e instanceof IntegrityConfigurationError) throw new InvalidConfiguration(`Invalid configuration for ${service}: ${e.message}`);
    throw e;
  }
  return {
    service,
    port: parsed.PORT ?? DEFAULT_PORTS[service],
    databaseUrl: serviceDatabaseUrl(service, env),
    kafkaBrokers: parsed.KAFKA_BROKERS.split(','),
    kafkaPartitions: parsed.KAFKA_PARTITIONS ?? 3,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    corsOrigins: (parsed.CORS_ORIGINS ?? '').split(',').filter(Boolean),
    bodyLimit: parsed.BODY_LIMIT ?? '1mb',
    csvLimit: parsed.CSV_LIMIT ?? '10mb',
    production,
    hmacKeys,
    personalDataMasterKey,
    sealEveryMs: parsed.EVENT_STORE_SEAL_EVERY_MS ?? 5_000,
    verifyWaitMs: parsed.HISTORY_VERIFY_WAIT_MS ?? 5_000,
    eventStore: parsed.EVENT_STORE_BACKEND === 'esdb' ? { backend: 'esdb', connectionString: parsed.ESDB_CONNECTION_STRING! } : { backend: 'postgres' },
    tracing: {
      exporter: parsed.OTEL_SDK_DISABLED === 'true' ? 'none' : (parsed.OTEL_TRACES_EXPORTER ?? 'none'),
      serviceName: parsed.OTEL_SERVICE_NAME ?? service,
      sampler: parsed.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on',
      samplerArg: parsed.OTEL_TRACES_SAMPLER_ARG ?? 1,
    },
  };
}
