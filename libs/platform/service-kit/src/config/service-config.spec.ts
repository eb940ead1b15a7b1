import 'reflect-metadata';
import { InvalidConfiguration, loadServiceConfig } from './service-config';

const base = { DATABASE_URL: 'postgres://u@h/db', KAFKA_BROKERS: 'h:9092' };

describe('service configuration: the event-store integrity key', () => {
  it('starts in development without a key (plain sha-256)', () => {
    expect(loadServiceConfig('rewards', base)).toMatchObject({ production: false, hmacKeys: [], sealEveryMs: 5_000 });
  });

  it.each([{ NODE_ENV: 'production' }, { AUTH_MODE: 'jwks' }])('refuses to start in production (%o) without EVENT_STORE_HMAC_KEY', (env) => {
    expect(() => loadServiceConfig('rewards', { ...base, ...env })).toThrow(InvalidConfiguration);
    expect(() => loadServiceConfig('rewards', { ...base, ...env })).toThrow(/EVENT_STORE_HMAC_KEY must be set in production/);
  });

  it('takes rotating keys and the seal interval', () => {
    const config = loadServiceConfig('rewards', {
      ...base,
      AUTH_MODE: 'jwks',
      EVENT_STORE_HMAC_KEYS: `k2:${'b'.repeat(32)},k1:${'a'.repeat(32)}`,
      EVENT_STORE_SEAL_EVERY_MS: '2000',
      PERSONAL_DATA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(config).toMatchObject({ production: true, sealEveryMs: 2_000 });
    expect(config.hmacKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });
});

describe('service configuration: the personal-data master key', () => {
  const keys = { EVENT_STORE_HMAC_KEY: 'k'.repeat(32) };

  it('uses a fixed development key when none is set, outside production', () => {
    expect(loadServiceConfig('rewards', base).personalDataMasterKey).toHaveLength(32);
  });

  it('refuses to start in production without one', () => {
    expect(() => loadServiceConfig('rewards', { ...base, ...keys, NODE_ENV: 'production' })).toThrow(/PERSONAL_DATA_MASTER_KEY must be set in production/);
  });

  it('takes 32 bytes as base64 or hex, and refuses any other length', () => {
    const hex = 'ab'.repeat(32);
    expect(loadServiceConfig('rewards', { ...base, PERSONAL_DATA_MASTER_KEY: hex }).personalDataMasterKey).toEqual(Buffer.from(hex, 'hex'));
    const b64 = Buffer.alloc(32, 9).toString('base64');
    expect(loadServiceConfig('rewards', { ...base, PERSONAL_DATA_MASTER_KEY: b64 }).personalDataMasterKey).toEqual(Buffer.alloc(32, 9));
    expect(() => loadServiceConfig('rewards', { ...base, PERSONAL_DATA_MASTER_KEY: 'short' })).toThrow(/must be 32 bytes/);
  });
});

describe('service configuration: the event-store backend', () => {
  it('keeps events in PostgreSQL unless told otherwise', () => {
    expect(loadServiceConfig('rewards', base).eventStore).toEqual({ backend: 'postgres' });
    expect(loadServiceConfig('rewards', { ...base, EVENT_STORE_BACKEND: 'postgres', ESDB_CONNECTION_STRING: 'nonsense' }).eventStore).toEqual({ backend: 'postgres' });
  });

  it('takes EventStoreDB with its connection string', () => {
    const url = 'esdb://localhost:2113?tls=false';
    expect(loadServiceConfig('rewards', { ...base, EVENT_STORE_BACKEND: 'esdb', ESDB_CONNECTION_STRING: url }).eventStore).toEqual({ backend: 'esdb', connectionString: url });
  });

  it.each([{}, { ESDB_CONNECTION_STRING: '' }, { ESDB_CONNECTION_STRING: 'http://localhost:2113' }])('refuses esdb without an esdb:// connection string (%o), in one line naming the variable', (extra) => {
    const error = (() => {
      try {
        loadServiceConfig('rewards', { ...base, EVENT_STORE_BACKEND: 'esdb', ...extra });
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(InvalidConfiguration);
    const lines = error.message.split('\n').slice(1);
    expect(lines).toEqual(['  ESDB_CONNECTION_STRING: ESDB_CONNECTION_STRING must be set to an esdb:// URL when EVENT_STORE_BACKEND=esdb']);
  });

  it('refuses a backend it does not know', () => {
    expect(() => loadServiceConfig('rewards', { ...base, EVENT_STORE_BACKEND: 'mongo' })).toThrow(/EVENT_STORE_BACKEND must be postgres or esdb/);
  });
});

describe('service configuration through @nestjs/config', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('serves the validated environment as ConfigService, and refuses a wrong one at boot', async () => {
    const { NestFactory } = await import('@nestjs/core');
    const { Module } = await import('@nestjs/common');
    const { ConfigModule, ConfigService } = await import('@nestjs/config');
    const { validateServiceEnvironment } = await import('./service-config');
    const boot = (env: Record<string, string>) => {
      Object.assign(process.env, env);
      @Module({ imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: (e) => ({ ...e, ...validateServiceEnvironment('rewards', e) }) })] })
      class M {}
      return NestFactory.createApplicationContext(M, { logger: false, abortOnError: false });
    };
    const app = await boot({ ...base, KAFKA_PARTITIONS: '6' });
    // Validated and converted: the number the schema says, not the string the environment holds.
    expect(app.get(ConfigService).get('KAFKA_PARTITIONS')).toBe(6);
    await app.close();
    await expect(boot({ ...base, DATABASE_URL: 'mysql://h/db' })).rejects.toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
  });
});

describe('service configuration: tracing', () => {
  it('is off unless OTEL_TRACES_EXPORTER names an exporter; the service name defaults to the service', () => {
    expect(loadServiceConfig('coaching', base).tracing.exporter).toBe('none');
    expect(loadServiceConfig('coaching', { ...base, OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({
      exporter: 'otlp',
      serviceName: 'coaching',
      sampler: 'parentbased_always_on',
      samplerArg: 1,
    });
    expect(
      loadServiceConfig('coaching', { ...base, OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'tpm-coaching-eu', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).tracing,
    ).toEqual({ exporter: 'console', serviceName: 'tpm-coaching-eu', sampler: 'parentbased_traceidratio', samplerArg: 0.25 });
  });

  it.each([
    [{ OTEL_TRACES_EXPORTER: 'jaeger' }, /OTEL_TRACES_EXPORTER: OTEL_TRACES_EXPORTER must be one of none, otlp, console/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT: OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\):\/\/ URL/],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://c:4317' }, /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http\(s\):\/\/ URL/],
    [{ OTEL_SERVICE_NAME: 'two words' }, /OTEL_SERVICE_NAME must be a non-empty name/],
    [{ OTEL_TRACES_SAMPLER: 'sometimes' }, /OTEL_TRACES_SAMPLER must be one of/],
    [{ OTEL_TRACES_SAMPLER_ARG: '2' }, /OTEL_TRACES_SAMPLER_ARG/],
    [{ OTEL_SDK_DISABLED: 'yes' }, /OTEL_SDK_DISABLED must be true or false/],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => loadServiceConfig('coaching', { ...base, ...env })).toThrow(InvalidConfiguration);
    expect(() => loadServiceConfig('coaching', { ...base, ...env })).toThrow(message);
  });
});
