/**
 * The PostgreSQL event store's tables. Data and metadata are stored as canonical JSON *text*, not
 * jsonb: jsonb re-orders keys and normalises numbers, so the bytes a hash covers would not be the
 * bytes written. Queries that need JSON operators cast (`data::jsonb`).
 */
const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export const assertSchemaName = (schema: string): string => {
  if (!IDENT.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  return schema;
};

export const schemaSql = (schema: string): string => {
  const s = assertSchemaName(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The writing transaction: readers stay below the oldest one still running (see readAll).
  tx_id           xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id        uuid NOT NULL UNIQUE,
  stream_id       text NOT NULL,
  stream_version  integer NOT NULL CHECK (stream_version > 0),
  type            text NOT NULL,
  schema_version  integer NOT NULL DEFAULT 1,
  data            text NOT NULL,
  metadata        text NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  prev_hash       text NOT NULL,
  hash            text NOT NULL,
  -- The HMAC key the hash was made with ('' = plain sha-256): keys rotate, old events keep theirs.
  key_id          text NOT NULL DEFAULT '',
  UNIQUE (stream_id, stream_version)
);
CREATE INDEX IF NOT EXISTS events_tx_position ON ${s}.events (tx_id, global_position);

-- One row per stream: the row lock is the concurrency gate, and the head (version, hash) lets
-- verification notice a truncated stream.
CREATE TABLE IF NOT EXISTS ${s}.streams (
  stream_id  text PRIMARY KEY,
  version    integer NOT NULL DEFAULT 0,
  last_tx    xid8,
  last_hash  text
);

-- Chained checkpoints over the global log in (tx_id, global_position) order.
CREATE TABLE IF NOT EXISTS ${s}.seals (
  seal_no        integer PRIMARY KEY,
  upto_tx        xid8 NOT NULL,
  upto_position  bigint NOT NULL,
  event_count    bigint NOT NULL,
  -- Events sealed by this seal and all before it: an anchor copied out says how many existed.
  total_events   bigint NOT NULL DEFAULT 0,
  prev_hash      text NOT NULL,
  hash           text NOT NULL,
  key_id         text NOT NULL DEFAULT '',
  sealed_at      timestamptz NOT NULL DEFAULT now()
);

-- Stores created before anchored seals (ADR 0019) get the columns; their old hashes used another
-- layout and verify as altered: there is no production data of that format, recreate dev data.
ALTER TABLE ${s}.events ADD COLUMN IF NOT EXISTS key_id text NOT NULL DEFAULT '';
ALTER TABLE ${s}.seals ADD COLUMN IF NOT EXISTS total_events bigint NOT NULL DEFAULT 0;
ALTER TABLE ${s}.seals ADD COLUMN IF NOT EXISTS key_id text NOT NULL DEFAULT '';
`;
};
