import type { Pool, PoolClient } from 'pg';
import { EventHasher, GENESIS_HASH } from '../event-hash';
import type { IntegrityProblem, VerificationReport } from '../event-store';

export interface SealResult {
  sealNo: number;
  uptoTx: string;
  uptoPosition: number;
  eventCount: number;
  hash: string;
}

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
}

interface SealRow {
  seal_no: number;
  upto_tx: string;
  upto_position: string;
  event_count: string;
  prev_hash: string;
  hash: string;
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

export async function sealLog(pool: Pool, schema: string, hasher: EventHasher): Promise<SealResult | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One sealer at a time per store, whatever the number of replicas.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tpm-event-store-seal:${schema}`]);
    const last = (await client.query<SealRow>(`SELECT seal_no, upto_tx::text, upto_position::text, hash FROM ${schema}.seals ORDER BY seal_no DESC LIMIT 1`))
      .rows[0];
    const horizon: string = (await client.query('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h')).rows[0].h;
    const digest = hasher.digest();
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
    const hash = hasher.seal(prevHash, sealNo, upto, count, digest.digest('hex'));
    await client.query(
      `INSERT INTO ${schema}.seals (seal_no, upto_tx, upto_position, event_count, prev_hash, hash) VALUES ($1, $2::xid8, $3, $4, $5, $6)`,
      [sealNo, lastRow.tx_id, lastRow.global_position, count, prevHash, hash],
    );
    await client.query('COMMIT');
    return { sealNo, uptoTx: lastRow.tx_id, uptoPosition: Number(lastRow.global_position), eventCount: count, hash };
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
 */
export async function verifyStore(
  pool: Pool,
  schema: string,
  hasher: EventHasher,
  onProgress?: (done: number, total: number) => void,
): Promise<VerificationReport> {
  const problems: IntegrityProblem[] = [];
  const report = (p: IntegrityProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const seals = (await pool.query<SealRow>(`SELECT seal_no, upto_tx::text, upto_position::text, event_count::text, prev_hash, hash FROM ${schema}.seals ORDER BY seal_no`)).rows;
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
      `SELECT global_position::text, event_id::text, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, hash
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
      const expected = hasher.event(current.hash, {
        eventId: r.event_id,
        streamId: r.stream_id,
        streamVersion: r.stream_version,
        type: r.type,
        schemaVersion: r.schema_version,
        dataText: r.data,
        metadataText: r.metadata,
        occurredAt: r.occurred_at.toISOString(),
      });
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
  let prevSeal = { hash: GENESIS_HASH, tx: '0', position: '0' };
  for (const [i, seal] of seals.entries()) {
    if (seal.seal_no !== i + 1 || seal.prev_hash !== prevSeal.hash) {
      report({ kind: 'seal-chain-broken', seal: seal.seal_no, detail: `seal ${seal.seal_no} does not chain to seal ${i}` });
    }
    const digest = hasher.digest();
    let count = 0;
    await walkLog(pool, schema, { tx: prevSeal.tx, position: prevSeal.position }, { tx: seal.upto_tx, position: seal.upto_position }, (row) => {
      digest.update(row.hash).update('\n');
      count++;
      if (++done % BATCH === 0) progress();
    });
    if (count !== Number(seal.event_count)) {
      report({ kind: 'seal-count-mismatch', seal: seal.seal_no, detail: `seal covers ${seal.event_count} events, the log now holds ${count} in its range` });
    }
    const upto = `${seal.upto_tx}:${seal.upto_position}`;
    if (hasher.seal(seal.prev_hash, seal.seal_no, upto, count, digest.digest('hex')) !== seal.hash) {
      report({ kind: 'seal-hash-mismatch', seal: seal.seal_no, detail: 'events in the sealed range were edited, added, removed or reordered' });
    }
    prevSeal = { hash: seal.hash, tx: seal.upto_tx, position: seal.upto_position };
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
    problems,
  };
}
