import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { IntegrityConfigurationError } from '../integrity-keys';
import { newDataKey, subjectKeyOf, unwrapDataKey, wrapDataKey, type SubjectKey } from './field-cipher';

/** A subject's key, or the fact that they were erased (their key is gone for good). */
export type KeyLookup = SubjectKey | 'erased';

/** Where a service keeps one data key per person. Keys never appear in events, logs or messages. */
export interface PersonalDataKeys {
  /**
   * The keys of these subjects. With `create`, a subject without a key gets one, unless they were
   * erased: an erased subject stays erased (nothing new about them can be made readable). Without
   * `create`, a subject who never had a key is absent from the result.
   */
  keysFor(subjects: readonly string[], options?: { create?: boolean }): Promise<Map<string, KeyLookup>>;
  /**
   * Destroys the subject's key and remembers the erasure (idempotent). `client` runs it inside the
   * caller's transaction (an inbox reaction's), so the erasure and its bookkeeping commit together.
   */
  erase(subject: string, client?: Pick<PoolClient, 'query'>): Promise<{ alreadyErased: boolean }>;
}

type Queryable = Pick<Pool, 'query'>;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Keys in the service's own database, wrapped (AES-256-GCM) under the service's master key, one
 * row per subject. Erasure replaces the wrapped key by NULL in the same row, so creating and
 * erasing a key race on one primary key and can never leave a fresh key behind an erasure.
 */
export class PostgresPersonalDataKeys implements PersonalDataKeys {
  private readonly table: string;

  constructor(
    private readonly pool: Queryable,
    private readonly masterKey: Buffer,
    schema = 'es',
  ) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name ${schema}`);
    if (masterKey.length !== 32) throw new IntegrityConfigurationError('The personal-data master key must be 32 bytes');
    this.table = `${schema}.personal_data_keys`;
  }

  async ensureSchema(client: Queryable = this.pool): Promise<void> {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS ${this.table.split('.')[0]};
      CREATE TABLE IF NOT EXISTS ${this.table} (
        subject_id  text PRIMARY KEY,
        wrapped_key bytea,
        created_at  timestamptz NOT NULL DEFAULT now(),
        erased_at   timestamptz,
        CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
      )`);
  }

  async keysFor(subjects: readonly string[], options: { create?: boolean } = {}): Promise<Map<string, KeyLookup>> {
    const wanted = [...new Set(subjects)];
    const found = new Map<string, KeyLookup>();
    if (!wanted.length) return found;
    const read = async () => {
      const { rows } = await this.pool.query<{ subject_id: string; wrapped_key: Buffer | null }>(
        `SELECT subject_id, wrapped_key FROM ${this.table} WHERE subject_id = ANY($1::text[])`,
        [wanted],
      );
      for (const r of rows) found.set(r.subject_id, r.wrapped_key ? subjectKeyOf(unwrapDataKey(this.masterKey, r.subject_id, r.wrapped_key)) : 'erased');
    };
    await read();
    const missing = wanted.filter((s) => !found.has(s));
    if (options.create && missing.length) {
      // ON CONFLICT keeps whichever row won (a concurrent writer's key, or an erasure).
      await this.pool.query(
        `INSERT INTO ${this.table} (subject_id, wrapped_key) SELECT * FROM unnest($1::text[], $2::bytea[]) ON CONFLICT (subject_id) DO NOTHING`,
        [missing, missing.map((s) => wrapDataKey(this.masterKey, s, newDataKey()))],
      );
      await read();
    }
    return found;
  }

  async erase(subject: string, client: Queryable = this.pool): Promise<{ alreadyErased: boolean }> {
    const { rows } = await client.query<{ was_erased: boolean }>(
      `INSERT INTO ${this.table} AS k (subject_id, wrapped_key, erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL, erased_at = COALESCE(k.erased_at, now())
       RETURNING (xmax <> 0 AND erased_at < now()) AS was_erased`,
      [subject],
    );
    return { alreadyErased: rows[0]?.was_erased ?? false };
  }
}

const DEVELOPMENT_MASTER_KEY = createHash('sha256').update('tpm development personal-data master key: not a secret').digest();

/**
 * The master key that wraps every subject's key, from `PERSONAL_DATA_MASTER_KEY` (32 bytes as
 * base64 or 64 hex digits). Development falls back to a fixed, public key (the data is then only
 * as safe as the database); production refuses to start without one.
 */
export function loadPersonalDataMasterKey(env: NodeJS.ProcessEnv, options: { production?: boolean } = {}): Buffer {
  const raw = env.PERSONAL_DATA_MASTER_KEY?.trim();
  if (!raw) {
    if (options.production) {
      throw new IntegrityConfigurationError('PERSONAL_DATA_MASTER_KEY must be set in production (32 random bytes, base64): it wraps every person\'s data key');
    }
    return DEVELOPMENT_MASTER_KEY;
  }
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new IntegrityConfigurationError('PERSONAL_DATA_MASTER_KEY must be 32 bytes, as base64 or 64 hex digits');
  return key;
}
