import { EventStoreBackendError, eventStoreBackendOf } from './event-store-backend';

describe('the event-store backend the command-line tools open', () => {
  it('is PostgreSQL unless told otherwise', () => {
    expect(eventStoreBackendOf({})).toEqual({ backend: 'postgres' });
    expect(eventStoreBackendOf({ EVENT_STORE_BACKEND: 'postgres', ESDB_CONNECTION_STRING: 'ignored' })).toEqual({ backend: 'postgres' });
  });

  it('is EventStoreDB with its connection string', () => {
    expect(eventStoreBackendOf({ EVENT_STORE_BACKEND: 'esdb', ESDB_CONNECTION_STRING: 'esdb+discover://a:2113,b:2113' })).toEqual({
      backend: 'esdb',
      connectionString: 'esdb+discover://a:2113,b:2113',
    });
  });

  it.each([
    [{ EVENT_STORE_BACKEND: 'esdb' }, /^ESDB_CONNECTION_STRING must be set to an esdb:\/\/ URL when EVENT_STORE_BACKEND=esdb$/],
    [{ EVENT_STORE_BACKEND: 'esdb', ESDB_CONNECTION_STRING: 'http://h:2113' }, /^ESDB_CONNECTION_STRING must be set/],
    [{ EVENT_STORE_BACKEND: 'mongo' }, /^EVENT_STORE_BACKEND must be postgres or esdb$/],
  ])('refuses %o in one line naming the variable', (env, message) => {
    expect(() => eventStoreBackendOf(env)).toThrow(EventStoreBackendError);
    expect(() => eventStoreBackendOf(env)).toThrow(message);
  });
});
