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
${appendFlushSql(s)}`;
};

/** Errors of append_flush_v2 that tell the caller to run the flush again, classifying stored ids first. */
export const RETRY_WITH_DEDUPE_SQLSTATE = 'TPM01';

/**
 * The unique constraint on `events.event_id` (PostgreSQL's name for `event_id … UNIQUE`): a flush
 * that breaks it met an id another flush committed meanwhile, and reruns with dedupe like TPM01.
 */
export const EVENT_ID_CONSTRAINT = 'events_event_id_key';

/**
 * One group-commit flush in one call (ADRs 0020, 0028): the caller hashes each append's events in
 * Node, chained on the stream head it believes current (`p_base_*`); this function locks the
 * streams, judges every append on its own and writes those that hold, all in the caller's one
 * statement.
 *
 * Per append, in this order: a stored id (only with `p_dedupe`) → 'duplicate' (all ids stored in
 * this stream) or 'duplicate-id'; an earlier append of the stream in this flush was put back →
 * the same; the stream's last writer is a later transaction → 'deferred' (commit order must follow
 * stream versions, ADR 0007); expected version fails → 'conflict'; the head is not the one the
 * hashes were chained on → 'stale' (the caller refreshes its head and retries); else 'ok'.
 * Every outcome returns the stream head after it. An event id already stored where it was not
 * expected raises TPM01, or the insert breaks `events_event_id_key` (an id committed meanwhile):
 * either way the caller reruns the flush with `p_dedupe`.
 * Expected versions: n ≥ 0, -1 any, -2 no-stream, -3 stream-exists.
 *
 * v2 (ADR 0028) sends what an append shares once: its metadata and time per append, the key id
 * per flush, event ids only in `p_event_ids`; each event's JSON row carries short keys. A plain
 * INSERT (no ON CONFLICT) skips speculative insertion. A new name, not a new body under the old
 * one: a replica of the previous release keeps calling `append_flush` with its own arguments while
 * a deploy rolls, so `append_flush` is left as it is in stores that have it.
 */
const appendFlushSql = (s: string): string => `
CREATE OR REPLACE FUNCTION ${s}.append_flush_v2(
  p_streams      text[],        -- the flush's distinct stream ids, sorted: the lock order
  p_stream_of    int[],         -- per append: its stream's index in p_streams
  p_expected     int[],
  p_base_version int[],         -- per append: the head its hashes were chained on
  p_base_hash    text[],
  p_last_hash    text[],        -- per append: the hash of its last event
  p_counts       int[],         -- per append: its number of events
  p_metadata     text[],        -- per append: the metadata every one of its events stores
  p_occurred_at  timestamptz[], -- per append: the time every one of its events stores
  p_key_id       text,          -- the key id of every hash in the flush
  p_event_ids    uuid[],        -- every event id, append after append
  p_events       json,          -- every event, in the same order: {a (append), o (its index in p_event_ids), v, t, s, d, p, h}
  p_dedupe       boolean
) RETURNS TABLE (r_status text[], r_version int[], r_hash text[], r_ids text[], r_positions text[])
LANGUAGE plpgsql AS $fn$
DECLARE
  -- Taken before any lock: the deferral rule compares it with each stream's last writer.
  v_xid xid8 := pg_current_xact_id();
  n int := coalesce(cardinality(p_stream_of), 0);
  h_ver int[]; h_tx xid8[]; h_hash text[];
  put_back text[] := array_fill(NULL::text, ARRAY[coalesce(cardinality(p_streams), 0)]);
  o_status text[] := '{}'; o_version int[] := '{}'; o_hash text[] := '{}';
  f_ids uuid[] := '{}'; f_streams text[] := '{}'; f_pos bigint[] := '{}';
  ins_ids uuid[] := '{}'; ins_pos bigint[] := '{}';
  written int[] := '{}';
  written_events int := 0;
  off int := 0;
  i int; k int; cnt int; cur int; exp int; my_ids uuid[]; n_found int; n_same int; holds boolean;
BEGIN
  -- Creates missing stream rows and locks them all in stream id order (no deadlock between
  -- concurrent flushes); DO UPDATE is what takes the lock on existing rows.
  WITH locked AS (
    INSERT INTO ${s}.streams AS st (stream_id) SELECT id FROM unnest(p_streams) AS id ORDER BY id
    ON CONFLICT (stream_id) DO UPDATE SET version = st.version
    RETURNING st.stream_id, st.version, st.last_tx, st.last_hash
  )
  SELECT array_agg(l.version ORDER BY u.ord), array_agg(l.last_tx ORDER BY u.ord), array_agg(coalesce(l.last_hash, '') ORDER BY u.ord)
    INTO h_ver, h_tx, h_hash
    FROM unnest(p_streams) WITH ORDINALITY AS u(id, ord) JOIN locked l ON l.stream_id = u.id;

  -- After the locks: a new snapshot sees what the flushes we waited for committed.
  IF p_dedupe THEN
    SELECT coalesce(array_agg(e.event_id), '{}'), coalesce(array_agg(e.stream_id), '{}'), coalesce(array_agg(e.global_position), '{}')
      INTO f_ids, f_streams, f_pos
      FROM ${s}.events e WHERE e.event_id = ANY(p_event_ids);
  END IF;

  FOR i IN 1..n LOOP
    k := p_stream_of[i];
    cnt := p_counts[i];
    exp := p_expected[i];
    my_ids := p_event_ids[off + 1 : off + cnt];
    off := off + cnt;
    cur := h_ver[k];
    IF cardinality(f_ids) > 0 AND f_ids && my_ids THEN
      SELECT count(*), count(*) FILTER (WHERE f.sid = p_streams[k]) INTO n_found, n_same
        FROM unnest(f_ids, f_streams) AS f(fid, sid) WHERE f.fid = ANY(my_ids);
      o_status := o_status || CASE WHEN n_found = cnt AND n_same = cnt THEN 'duplicate' ELSE 'duplicate-id' END;
    ELSIF put_back[k] IS NOT NULL THEN
      o_status := o_status || put_back[k];
    ELSIF h_tx[k] IS NOT NULL AND h_tx[k] > v_xid THEN
      put_back[k] := 'deferred';
      o_status := o_status || 'deferred'::text;
    ELSE
      holds := CASE exp WHEN -1 THEN true WHEN -2 THEN cur = 0 WHEN -3 THEN cur > 0 ELSE cur = exp END;
      IF NOT holds THEN
        -- A retried append fails its version check (its original moved the stream on), yet it
        -- must come back as a duplicate: look its ids up before calling it a conflict.
        IF NOT p_dedupe AND EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY(my_ids)) THEN
          RAISE EXCEPTION 'append_flush_v2: event ids already stored' USING ERRCODE = '${RETRY_WITH_DEDUPE_SQLSTATE}';
        END IF;
        o_status := o_status || 'conflict'::text;
      ELSIF p_base_version[i] <> cur OR p_base_hash[i] <> h_hash[k] THEN
        put_back[k] := 'stale';
        o_status := o_status || 'stale'::text;
      ELSE
        written := written || i;
        written_events := written_events + cnt;
        h_ver[k] := cur + cnt;
        h_hash[k] := p_last_hash[i];
        h_tx[k] := v_xid;
        o_status := o_status || 'ok'::text;
      END IF;
    END IF;
    o_version := o_version || h_ver[k];
    o_hash := o_hash || h_hash[k];
  END LOOP;

  IF written_events > 0 THEN
    -- No ON CONFLICT: an id committed meanwhile by another flush (another replica) breaks
    -- events_event_id_key, and the caller reruns with p_dedupe to classify it.
    WITH ins AS (
      INSERT INTO ${s}.events
        (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, prev_hash, hash, key_id)
      SELECT p_event_ids[e.o], p_streams[p_stream_of[e.a]], e.v, e.t, e.s, e.d, p_metadata[e.a], p_occurred_at[e.a], e.p, e.h, p_key_id
        FROM json_to_recordset(p_events) AS e(a int, o int, v int, t text, s int, d text, p text, h text)
       WHERE e.a = ANY(written)
       ORDER BY e.o
      RETURNING event_id, global_position
    )
    SELECT coalesce(array_agg(ins.event_id), '{}'), coalesce(array_agg(ins.global_position), '{}') INTO ins_ids, ins_pos FROM ins;
    -- One primary-key update per written stream. A join of the streams table to the written
    -- appends was planned as a scan of the whole table once it grew (its buffers per flush grew
    -- with the number of streams): an equality on the key can only be an index lookup.
    FOREACH k IN ARRAY ARRAY(SELECT DISTINCT p_stream_of[w] FROM unnest(written) AS w) LOOP
      UPDATE ${s}.streams SET version = h_ver[k], last_hash = h_hash[k], last_tx = v_xid WHERE stream_id = p_streams[k];
    END LOOP;
  END IF;

  r_status := o_status;
  r_version := o_version;
  r_hash := o_hash;
  r_ids := (f_ids || ins_ids)::text[];
  r_positions := (f_pos || ins_pos)::text[];
  RETURN NEXT;
END
$fn$;
`;
