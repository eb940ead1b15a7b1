import { containerRuntimeUnavailable } from './test-containers';

// global-setup.js is plain CommonJS run by Jest before the workers: called here as Jest calls it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const globalSetup = require('./global-setup') as () => Promise<void>;

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  delete (globalThis as { __TPM_CONTAINERS__?: unknown }).__TPM_CONTAINERS__;
  jest.restoreAllMocks();
});

describe('TEST_INFRA=containers on a machine without a Docker engine', () => {
  let why: string | null = null;
  beforeAll(async () => {
    why = await containerRuntimeUnavailable();
  });

  it('names why no container runtime answers, in one line', () => {
    // With a Docker engine there is nothing to fall back from: this file is about the machine without one.
    if (why === null) return console.warn('a container runtime answers here: the fallback is not exercised on this machine');
    expect(why).toMatch(/^[^\n]+$/);
  });

  it('says so in one line and takes the default infrastructure path (here: the servers already given)', async () => {
    if (why === null) return console.warn('a container runtime answers here: the fallback is not exercised on this machine');
    const { DATABASE_URL, KAFKA_BROKERS } = process.env;
    expect(DATABASE_URL && KAFKA_BROKERS).toBeTruthy(); // the integration tier always has them
    process.env.TEST_INFRA = 'containers';
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await globalSetup();
    expect(warn.mock.calls).toEqual([[`TEST_INFRA=containers: no Docker engine reachable (${why}); using the servers at DATABASE_URL and KAFKA_BROKERS instead`]]);
    expect(process.env.DATABASE_URL).toBe(DATABASE_URL);
    expect(process.env.KAFKA_BROKERS).toBe(KAFKA_BROKERS);
    expect(process.env.ESDB_CONNECTION_STRING).toBe(saved.ESDB_CONNECTION_STRING);
    expect((globalThis as { __TPM_CONTAINERS__?: unknown }).__TPM_CONTAINERS__).toBeUndefined();
  });

  it('does not look for Docker at all without the variable', async () => {
    delete process.env.TEST_INFRA;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await globalSetup();
    expect(warn).not.toHaveBeenCalled();
  });
});
