import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/** The bytes of one event as stored: what its hash covers, and all it covers. */
export interface HashedFields {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  /** Data exactly as stored (canonical JSON text); ciphertext of shredded fields included. */
  dataText: string;
  metadataText: string;
  occurredAt: string;
}

/** The first event of a stream chains to this. */
export const GENESIS_HASH = '';

/**
 * sha-256, or HMAC-SHA256 when a key is given. Plain sha-256 proves nothing against someone who
 * can rewrite the table and recompute every hash (a DB admin); HMAC does, as long as the key lives
 * outside the database, at the price that verification then needs the key too.
 */
export class EventHasher {
  constructor(private readonly hmacKey?: string | Buffer) {}

  digest(): Hash | Hmac {
    return this.hmacKey ? createHmac('sha256', this.hmacKey) : createHash('sha256');
  }

  event(prevHash: string, f: HashedFields): string {
    return this.digest()
      .update(prevHash)
      .update('\n')
      .update(
        JSON.stringify([f.eventId, f.streamId, f.streamVersion, f.type, f.schemaVersion, f.dataText, f.metadataText, f.occurredAt]),
      )
      .digest('hex');
  }

  /** A seal chains to the previous seal and covers every event hash of its range, in log order. */
  seal(prevHash: string, sealNo: number, upto: string, eventCount: number, eventsDigest: string): string {
    return this.digest().update(JSON.stringify([prevHash, sealNo, upto, eventCount, eventsDigest])).digest('hex');
  }
}
