import type { HmacKey } from './event-hash';

export class IntegrityConfigurationError extends Error {
  override readonly name = 'IntegrityConfigurationError';
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** In production a key shorter than this is a password, not a key. */
export const MIN_PRODUCTION_KEY_LENGTH = 32;

/**
 * The HMAC keys of the event store, from the environment:
 * - `EVENT_STORE_HMAC_KEYS=kid2:secret2,kid1:secret1`: the first is current (new hashes and seals),
 *   the others only verify what they made (rotation: put the new key first, keep the old one
 *   until nothing needs checking with it);
 * - `EVENT_STORE_HMAC_KEY=secret`: one key, id `default` (the same as `EVENT_STORE_HMAC_KEYS=default:secret`).
 * Neither: plain sha-256 (development). `production` refuses to go without a key.
 */
export function loadHmacKeys(env: NodeJS.ProcessEnv, options: { production?: boolean } = {}): HmacKey[] {
  const list = env.EVENT_STORE_HMAC_KEYS?.trim();
  const single = env.EVENT_STORE_HMAC_KEY;
  if (list && single) throw new IntegrityConfigurationError('Set EVENT_STORE_HMAC_KEY or EVENT_STORE_HMAC_KEYS, not both (put the single key into the list as default:<secret>)');
  let keys: HmacKey[] = [];
  if (list) {
    keys = list.split(',').map((entry) => {
      const at = entry.indexOf(':');
      const id = entry.slice(0, Math.max(at, 0)).trim();
      const secret = entry.slice(at + 1);
      if (at <= 0 || !KEY_ID.test(id) || !secret) {
        throw new IntegrityConfigurationError('EVENT_STORE_HMAC_KEYS must be kid:secret[,kid:secret…] (ids: letters, digits, . _ -; first = current)');
      }
      return { id, secret };
    });
    const ids = keys.map((k) => k.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw new IntegrityConfigurationError(`EVENT_STORE_HMAC_KEYS names key "${twice}" twice`);
  } else if (single) {
    keys = [{ id: 'default', secret: single }];
  }
  if (options.production) {
    if (!keys.length) {
      throw new IntegrityConfigurationError(
        'EVENT_STORE_HMAC_KEY must be set in production (or EVENT_STORE_HMAC_KEYS=kid:secret,… to rotate): without it anyone with database access can rewrite history and its hashes unseen',
      );
    }
    const weak = keys.find((k) => String(k.secret).length < MIN_PRODUCTION_KEY_LENGTH);
    if (weak) throw new IntegrityConfigurationError(`The event-store HMAC key "${weak.id}" must be at least ${MIN_PRODUCTION_KEY_LENGTH} characters in production`);
  }
  return keys;
}

/**
 * Production as `@tpm/auth` decides it (auth.config.ts): NODE_ENV=production, or JWKS tokens
 * (AUTH_MODE=jwks, or AUTH_JWKS_URL without an AUTH_MODE).
 */
export const isProductionEnvironment = (env: NodeJS.ProcessEnv): boolean =>
  env.NODE_ENV === 'production' || (env.AUTH_MODE ?? (env.AUTH_JWKS_URL ? 'jwks' : 'dev')) === 'jwks';
