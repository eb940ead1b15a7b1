import type { Pool, PoolClient } from 'pg';
import { compareWithAnchors } from '../anchors';
import { EventHasher, GENESIS_HASH, UNKEYED } from '../event-hash';
import type { IntegrityProblem, SealRecord, VerificationReport, VerifyOptions } from '../event-store';

/** @deprecated the name before seals were anchored; a seal is a `SealRecord`. */
export type SealResult = SealRecord;

const BATCH = 5_000;
/** Beyond this a report is evidence enough; the rest would only exhaust memory. */
const MAX_PROBLEMS = 10_000;

interface LogRow {
  tx_id: string;
  global_position: string;
  hash: string;
}

interface ChainRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  occurred_at: Date;
  hash: string;
  key_id: string;
}

interface SealRow {
  seal_no: number;
  upto_tx: string;
  upto_position: string;
  event_count: string;
  total_events: string;
  prev_hash: string;
  hash: string;
  key_id: string;
  sealed_at: Date;
}

const SEAL_COLUMNS = 'seal_no, upto_tx::text, upto_position::text, event_count::text, total_events::text, prev_hash, hash, key_id, sealed_at';

const toSealRecord = (r: SealRow): SealRecord => ({
  sealNo: r.seal_no,
  upto: `${r.upto_tx}:${r.upto_position}`,
  uptoPosition: Number(r.upto_position),
  eventCount: Number(r.event_count),
  totalEvents: Number(r.total_events),
  prevHash: r.prev_hash,
  hash: r.hash,
  keyId: r.key_id,
  sealedAt: r.sealed_at.toISOString(),
});

export async function listSeals(db: Pool, schema: string, afterSealNo = 0, limit = 10_000): Promise<SealRecord[]> {
  const { rows } = await db.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM ${schema}.seals WHERE seal_no > $1 ORDER BY seal_no LIMIT $2`, [afterSealNo, limit]);
  return rows.map(toSealRecord);
}

/**
 * Walks the global log in (tx_id, position) order over (from, upto], in batches, feeding each
 * event hash to `onEvent`. Only ever called below the safe horizon, where the log is final.
 */
async function walkLog(
  db: Pool | PoolClient,
  schema: string,
  from: { tx: string; position: string },
  upto: { tx: string; position: string } | { horizon: string },
  onEvent: (row: LogRow) => void,
): Promise<void> {
  let cursor = from;
  for (;;) {
    const bound = 'horizon' in upto ? 'tx_id < $4::xid8' : '(tx_id, global_position) <= ($4::xid8, $5::bigint)';
    const params = 'horizon' in upto ? [cursor.tx, cursor.position, BATCH, upto.horizon] : [cursor.tx, cursor.position, BATCH, upto.tx, upto.position];
    const { rows } = await db.query<LogRow>(
      `SELECT tx_id::text, global_position::text, hash FROM ${schema}.events e
        WHERE (tx_id, global_position) > ($1::xid8, $2::bigint) AND ${bound}
        ORDER BY e.tx_id, e.global_position LIMIT $3`,
      params,
    );
    rows.forEach(onEvent);
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1];
    cursor = { tx: last.tx_id, position: last.global_position };
  }
}

/**
 * Seals the log written since the last seal, up to the safe horizon. Nothing new: one indexed
 * query and a rollback, so it may run every few seconds.
 */
export async function sealLog(pool: Pool, schema: string, hasher: EventHasher): Promise<SealRecord | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One sealer at a time per store, whatever the number of replicas.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tpm-event-store-seal:${schema}`]);
    const last = (await client.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM ${schema}.seals ORDER BY seal_no DESC LIMIT 1`)).rows[0];
    const horizon: string = (await client.query('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h')).rows[0].h;
    const digest = hasher.eventsDigest();
    let count = 0;
    let lastRow: LogRow | undefined;
    await walkLog(client, schema, last ? { tx: last.upto_tx, position: last.upto_position } : { tx: '0', position: '0' }, { horizon }, (row) => {
      digest.update(row.hash).update('\n');
      count++;
      lastRow = row;
    });
    if (!lastRow) {
      await client.query('ROLLBACK');
      return null;
    }
    const sealNo = (last?.seal_no ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const upto = `${lastRow.tx_id}:${lastRow.global_position}`;
    const totalEvents = Number(last?.total_events ?? 0) + count;
    const hash = hasher.seal({ prevHash, sealNo, upto, eventCount: count, totalEvents, eventsDigest: digest.digest('hex') });
    const { rows } = await client.query<SealRow>(
      `INSERT INTO ${schema}.seals (seal_no, upto_tx, upto_position, event_count, total_events, prev_hash, hash, key_id)
       VALUES ($1, $2::xid8, $3, $4, $5, $6, $7, $8) RETURNING ${SEAL_COLUMNS}`,
      [sealNo, lastRow.tx_id, lastRow.global_position, count, totalEvents, prevHash, hash, hasher.keyId],
    );
    await client.query('COMMIT');
    return toSealRecord(rows[0]);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Recomputes every stream chain (streamed in batches, never the whole log in memory), compares the
 * streams table's heads with the chains, and re-derives every seal from the events it covers.
 * Stream chains catch edits, in-stream reorders and deletions inside a stream; the seals catch what
 * a chain cannot: a deleted tail, a whole deleted stream, or events moved in the global order.
 * Anchors (seals kept outside the database) catch what the store cannot see about itself: its
 * newest seals deleted with their events, or every chain and seal recomputed with a stolen key.
 * Hashes made with a key the hasher lacks are counted and named, never guessed at.
 */
export async function verifyStore(pool: Pool, schema: string, hasher: EventHasher, options: VerifyOptions = {}): Promise<VerificationReport> {
  const { onProgress } = options;
  const problems: IntegrityProblem[] = [];
  const report = (p: IntegrityProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const uncheckable: Record<string, number> = {};
  /** Whether a hash made with `keyId` can be checked; reports it when it cannot or when it is a downgrade. */
  const checkable = (keyId: string, where: Omit<IntegrityProblem, 'kind' | 'detail' | 'keyId'>, what: string): boolean => {
    if (!hasher.canCheck(keyId)) {
      uncheckable[keyId] = (uncheckable[keyId] ?? 0) + 1;
      report({ kind: 'key-unavailable', keyId, ...where, detail: `${what} was hashed with key ${keyId}, which this verifier does not hold: it cannot be checked` });
      return false;
    }
    if (hasher.keyed && keyId === UNKEYED) {
      report({ kind: 'unkeyed-hash', keyId, ...where, detail: `${what} carries a plain sha-256 hash although this store is keyed: recomputed without the key` });
    }
    return true;
  };
  const seals = (await pool.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM ${schema}.seals ORDER BY seal_no`)).rows;
  const totalEvents = Number((await pool.query(`SELECT count(*) AS n FROM ${schema}.events`)).rows[0].n);
  const sealedTotal = seals.reduce((n, s) => n + Number(s.event_count), 0);
  const total = totalEvents + sealedTotal;
  let done = 0;
  const progress = () => onProgress?.(done, Math.max(total, done));
  progress();

  // 1. Stream chains, in (stream_id, stream_version) order.
  let streamsChecked = 0;
  let eventsChecked = 0;
  let current: { streamId: string; version: number; hash: string } | undefined;
  let cursor: { streamId: string; version: number } | undefined;
  for (;;) {
    const { rows } = await pool.query<ChainRow>(
      `SELECT global_position::text, event_id::text, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, hash, key_id
         FROM ${schema}.events
        ${cursor ? 'WHERE (stream_id, stream_version) > ($2::text, $3::int)' : ''}
        ORDER BY stream_id, stream_version LIMIT $1`,
      cursor ? [BATCH, cursor.streamId, cursor.version] : [BATCH],
    );
    for (const r of rows) {
      if (current?.streamId !== r.stream_id) {
        current = { streamId: r.stream_id, version: 0, hash: GENESIS_HASH };
        streamsChecked++;
      }
      if (r.stream_version !== current.version + 1) {
        report({
          kind: 'stream-version-gap',
          streamId: r.stream_id,
          streamVersion: r.stream_version,
          globalPosition: Number(r.global_position),
          detail: `expected version ${current.version + 1}, found ${r.stream_version}`,
        });
      }
      const where = { streamId: r.stream_id, streamVersion: r.stream_version, globalPosition: Number(r.global_position) };
      const canCheck = checkable(r.key_id, where, `event ${r.stream_id}@${r.stream_version} (position ${r.global_position})`);
      const expected = canCheck
        ? hasher.event(
            current.hash,
            {
              eventId: r.event_id,
              streamId: r.stream_id,
              streamVersion: r.stream_version,
              type: r.type,
              schemaVersion: r.schema_version,
              dataText: r.data,
              metadataText: r.metadata,
              occurredAt: r.occurred_at.toISOString(),
            },
            r.key_id,
          )
        : r.hash;
      if (expected !== r.hash) {
        report({
          kind: 'event-hash-mismatch',
          streamId: r.stream_id,
          streamVersion: r.stream_version,
          globalPosition: Number(r.global_position),
          detail: 'stored hash differs from the hash recomputed over the stored bytes and the previous event',
        });
      }
      // Continue the chain from the stored hash so one edit is reported once, not for every later event.
      current = { streamId: r.stream_id, version: r.stream_version, hash: r.hash };
      eventsChecked++;
      done++;
    }
    progress();
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1];
    cursor = { streamId: last.stream_id, version: last.stream_version };
  }

  // 2. The streams table's heads against the chains (set-based: the server does the join).
  const heads = await pool.query<{ stream_id: string; head_version: number | null; head_hash: string | null; version: number | null; hash: string | null }>(
    `SELECT coalesce(s.stream_id, e.stream_id) AS stream_id, s.version AS head_version, s.last_hash AS head_hash,
            e.stream_version AS version, e.hash
       FROM ${schema}.streams s
       FULL JOIN (SELECT DISTINCT ON (stream_id) stream_id, stream_version, hash FROM ${schema}.events
                   ORDER BY stream_id, stream_version DESC) e ON e.stream_id = s.stream_id
      WHERE coalesce(s.version, 0) <> coalesce(e.stream_version, 0)
         OR (e.stream_id IS NOT NULL AND s.last_hash IS DISTINCT FROM e.hash)
      LIMIT ${MAX_PROBLEMS}`,
  );
  for (const h of heads.rows) {
    report({
      kind: 'stream-head-mismatch',
      streamId: h.stream_id,
      streamVersion: h.version ?? 0,
      detail: `streams table says version ${h.head_version ?? 'none'}, the events end at ${h.version ?? 'none'}${
        h.head_version === h.version ? ' (head hash differs)' : ''
      }`,
    });
  }

  // 3. Seals: each chained to the previous, each re-derived from the events of its range.
  let prevSeal = { hash: GENESIS_HASH, tx: '0', position: '0', total: 0 };
  for (const [i, seal] of seals.entries()) {
    if (seal.seal_no !== i + 1 || seal.prev_hash !== prevSeal.hash) {
      report({ kind: 'seal-chain-broken', seal: seal.seal_no, detail: `seal ${seal.seal_no} does not chain to seal ${i}` });
    }
    const digest = hasher.eventsDigest();
    let count = 0;
    await walkLog(pool, schema, { tx: prevSeal.tx, position: prevSeal.position }, { tx: seal.upto_tx, position: seal.upto_position }, (row) => {
      digest.update(row.hash).update('\n');
      count++;
      if (++done % BATCH === 0) progress();
    });
    if (count !== Number(seal.event_count) || Number(seal.total_events) !== prevSeal.total + Number(seal.event_count)) {
      report({
        kind: 'seal-count-mismatch',
        seal: seal.seal_no,
        globalPosition: Number(seal.upto_position),
        detail: `seal covers ${seal.event_count} events (${seal.total_events} in all), the log now holds ${count} in its range (${prevSeal.total + count} in all)`,
      });
    }
    const upto = `${seal.upto_tx}:${seal.upto_position}`;
    if (checkable(seal.key_id, { seal: seal.seal_no }, `seal ${seal.seal_no}`)) {
      const expected = hasher.seal(
        { prevHash: seal.prev_hash, sealNo: seal.seal_no, upto, eventCount: count, totalEvents: prevSeal.total + count, eventsDigest: digest.digest('hex') },
        seal.key_id,
      );
      if (expected !== seal.hash) {
        report({
          kind: 'seal-hash-mismatch',
          seal: seal.seal_no,
          globalPosition: Number(seal.upto_position),
          detail: 'events in the sealed range were edited, added, removed or reordered, or the seal was recomputed without its key',
        });
      }
    }
    prevSeal = { hash: seal.hash, tx: seal.upto_tx, position: seal.upto_position, total: Number(seal.total_events) };
  }

  // 4. Anchors: the seals as they were copied out of the database when they were made.
  if (options.anchors) {
    const found = await compareWithAnchors(options.anchors, seals.map(toSealRecord), async (a) => {
      const m = /^(\d+):(\d+)$/.exec(a.upto);
      if (!m) return 0;
      const { rows } = await pool.query(`SELECT count(*) AS n FROM ${schema}.events WHERE (tx_id, global_position) <= ($1::xid8, $2::bigint)`, [m[1], m[2]]);
      return Number(rows[0].n);
    });
    found.forEach(report);
  }
  const unsealed = Number(
    (
      await pool.query(`SELECT count(*) AS n FROM ${schema}.events WHERE (tx_id, global_position) > ($1::xid8, $2::bigint)`, [
        prevSeal.tx,
        prevSeal.position,
      ])
    ).rows[0].n,
  );
  done = Math.max(done, total);
  progress();
  return {
    ok: problems.length === 0,
    streamsChecked,
    eventsChecked,
    sealsChecked: seals.length,
    unsealedEvents: unsealed,
    anchorsChecked: options.anchors?.length ?? 0,
    ...(Object.keys(uncheckable).length ? { uncheckable } : {}),
    problems,
  };
}
