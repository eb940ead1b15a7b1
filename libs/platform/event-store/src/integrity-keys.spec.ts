import { EventHasher, UNKEYED } from './event-hash';
import { isProductionEnvironment, loadHmacKeys } from './integrity-keys';

const strong = 'x'.repeat(32);

describe('event-store HMAC keys from the environment', () => {
  it('keeps plain sha-256 in development without a key', () => {
    expect(loadHmacKeys({})).toEqual([]);
    expect(new EventHasher(loadHmacKeys({})).keyId).toBe(UNKEYED);
  });

  it('refuses production without a key, in one line naming the variable', () => {
    expect(() => loadHmacKeys({}, { production: true })).toThrow(/^EVENT_STORE_HMAC_KEY must be set in production[^\n]*$/);
  });

  it('refuses short keys in production only', () => {
    expect(loadHmacKeys({ EVENT_STORE_HMAC_KEY: 'short' })).toEqual([{ id: 'default', secret: 'short' }]);
    expect(() => loadHmacKeys({ EVENT_STORE_HMAC_KEY: 'short' }, { production: true })).toThrow(/at least 32 characters/);
  });

  it('reads rotating keys, the first being current; secrets may contain colons', () => {
    const keys = loadHmacKeys({ EVENT_STORE_HMAC_KEYS: `k2:${strong}:tail,k1:${strong}` }, { production: true });
    expect(keys).toEqual([
      { id: 'k2', secret: `${strong}:tail` },
      { id: 'k1', secret: strong },
    ]);
    const hasher = new EventHasher(keys);
    expect(hasher.keyId).toBe('k2');
    expect(hasher.canCheck('k1')).toBe(true);
    expect(hasher.canCheck('k0')).toBe(false);
  });

  it('refuses malformed lists, repeated ids and both variables at once', () => {
    expect(() => loadHmacKeys({ EVENT_STORE_HMAC_KEYS: 'nocolon' })).toThrow(/kid:secret/);
    expect(() => loadHmacKeys({ EVENT_STORE_HMAC_KEYS: 'a:1,a:2' })).toThrow(/twice/);
    expect(() => loadHmacKeys({ EVENT_STORE_HMAC_KEYS: 'a:1', EVENT_STORE_HMAC_KEY: 'b' })).toThrow(/not both/);
  });

  it('decides production as the auth configuration does', () => {
    expect(isProductionEnvironment({ NODE_ENV: 'production' })).toBe(true);
    expect(isProductionEnvironment({ AUTH_MODE: 'jwks' })).toBe(true);
    expect(isProductionEnvironment({ AUTH_JWKS_URL: 'https://idp/jwks' })).toBe(true);
    expect(isProductionEnvironment({ AUTH_MODE: 'dev', AUTH_JWKS_URL: 'https://idp/jwks' })).toBe(false);
    expect(isProductionEnvironment({ NODE_ENV: 'test' })).toBe(false);
  });

  it('binds the key id into the hash: relabelling an event with another key breaks it', () => {
    const hasher = new EventHasher([{ id: 'k2', secret: 'b' }, { id: 'k1', secret: 'a' }]);
    const f = { eventId: 'e', streamId: 's', streamVersion: 1, type: 't', schemaVersion: 1, dataText: '{}', metadataText: '{}', occurredAt: '2026-01-01T00:00:00.000Z' };
    expect(hasher.event('', f, 'k1')).not.toBe(hasher.event('', f, 'k2'));
    expect(hasher.event('', f)).toBe(hasher.event('', f, 'k2'));
    expect(() => hasher.event('', f, 'k9')).toThrow(/not configured/);
  });
});
