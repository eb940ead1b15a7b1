import { EventHasher, GENESIS_HASH, UNKEYED } from './event-hash';
import type { IntegrityProblem, SealRecord } from './event-store';

/**
 * Anchors: copies of the store's seals kept where whoever can write the database cannot reach
 * (the Kafka topic `<context>.seals`, kept forever, and a file an auditor keeps). Inside the
 * database, deleting the newest seal with its events, or recomputing every chain and seal with a
 * stolen key, leaves a history that is consistent with itself; only a copy made before can tell.
 */
export const ANCHOR_FILE_FORMAT = 'tpm-event-store-anchors/1';

export interface AnchorFile {
  format: typeof ANCHOR_FILE_FORMAT;
  /** Which store: the context or schema the seals belong to. */
  store: string;
  /** Where the seals were read: the seals topic (written as they were made) or the store itself. */
  source: { kind: 'topic'; topic: string } | { kind: 'database'; schema: string };
  exportedAt: string;
  seals: SealRecord[];
  /** HMAC of everything above with the current key (when the exporter had one). */
  mac?: { keyId: string; value: string };
}

/** The message value published on `<context>.seals` for one seal. */
export interface AnchorMessage extends SealRecord {
  store: string;
}

const body = (f: Omit<AnchorFile, 'mac'>) => JSON.stringify({ format: f.format, store: f.store, source: f.source, exportedAt: f.exportedAt, seals: f.seals });

export function buildAnchorFile(seals: SealRecord[], meta: Pick<AnchorFile, 'store' | 'source'>, hasher: EventHasher, now = new Date()): AnchorFile {
  const file: AnchorFile = { format: ANCHOR_FILE_FORMAT, ...meta, exportedAt: now.toISOString(), seals: [...seals].sort((a, b) => a.sealNo - b.sealNo) };
  if (hasher.keyed) file.mac = { keyId: hasher.keyId, value: hasher.mac(body(file)) };
  return file;
}

export function parseAnchorFile(text: string): AnchorFile {
  const file = JSON.parse(text) as AnchorFile;
  if (file?.format !== ANCHOR_FILE_FORMAT || !Array.isArray(file.seals)) throw new Error(`Not an anchor file (format ${ANCHOR_FILE_FORMAT} expected)`);
  return file;
}

/** Problems of the file itself: its MAC (when it has one and the key is held). */
export function checkAnchorFile(file: AnchorFile, hasher: EventHasher): IntegrityProblem[] {
  if (!file.mac) return [];
  if (!hasher.canCheck(file.mac.keyId)) {
    return [{ kind: 'key-unavailable', keyId: file.mac.keyId, detail: `the anchor file is signed with key ${file.mac.keyId}, which this verifier does not hold` }];
  }
  return hasher.mac(body(file), file.mac.keyId) === file.mac.value
    ? []
    : [{ kind: 'anchor-invalid', detail: 'the anchor file was edited after export (its MAC does not match)' }];
}

/** Parses the messages of a seals topic; the same seal published twice counts once. */
export function anchorsFromMessages(values: (string | Buffer | null)[]): SealRecord[] {
  const bySeal = new Map<string, SealRecord>();
  for (const v of values) {
    if (!v) continue;
    const m = JSON.parse(v.toString()) as AnchorMessage;
    const { store: _store, ...seal } = m;
    bySeal.set(`${seal.sealNo}:${seal.hash}`, seal);
  }
  return [...bySeal.values()].sort((a, b) => a.sealNo - b.sealNo);
}

const describe = (s: SealRecord) => `${s.eventCount} events up to ${s.upto} (position ${s.uptoPosition}, ${s.totalEvents} sealed in all), hash ${s.hash.slice(0, 12)}…`;

/**
 * Compares anchored seals with the store's. `storeSeals` must hold the store's seals numbered from
 * the first anchor on; `countUpTo` counts the store's events at or before a seal's position now.
 */
export async function compareWithAnchors(
  anchors: SealRecord[],
  storeSeals: SealRecord[],
  countUpTo: (seal: SealRecord) => Promise<number>,
): Promise<IntegrityProblem[]> {
  const problems: IntegrityProblem[] = [];
  const sorted = [...anchors].sort((a, b) => a.sealNo - b.sealNo);
  // The anchors' own chain: two different seals with one number, or a broken link, means the
  // anchor source itself is not trustworthy (or two stores published to one topic).
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    const prev = sorted[i - 1];
    if (prev?.sealNo === a.sealNo) {
      problems.push({ kind: 'anchor-invalid', seal: a.sealNo, detail: `the anchors hold two different seals numbered ${a.sealNo}` });
    } else if (prev ? prev.sealNo === a.sealNo - 1 && a.prevHash !== prev.hash : a.sealNo === 1 && a.prevHash !== GENESIS_HASH) {
      problems.push({ kind: 'anchor-invalid', seal: a.sealNo, detail: `anchored seal ${a.sealNo} does not chain to anchored seal ${a.sealNo - 1}` });
    }
  }
  const byNo = new Map(storeSeals.map((s) => [s.sealNo, s]));
  for (const a of sorted) {
    const s = byNo.get(a.sealNo);
    if (!s) {
      problems.push({
        kind: 'anchor-seal-missing',
        seal: a.sealNo,
        globalPosition: a.uptoPosition,
        detail: `anchored seal ${a.sealNo} (${describe(a)}, sealed ${a.sealedAt}) is not in the store`,
      });
      continue;
    }
    const differs = a.hash !== s.hash || a.upto !== s.upto || a.eventCount !== s.eventCount || a.totalEvents !== s.totalEvents || a.prevHash !== s.prevHash;
    if (differs) {
      problems.push({
        kind: 'anchor-seal-mismatch',
        seal: a.sealNo,
        globalPosition: a.uptoPosition,
        detail: `seal ${a.sealNo} differs from its anchor: anchored ${describe(a)}; stored ${describe(s)}${
          a.keyId !== s.keyId ? ` (key ${a.keyId || 'none'} anchored, ${s.keyId || 'none'} stored)` : ''
        }`,
      });
    }
  }
  // The newest anchor says how many events existed up to its position: fewer now means a cut.
  const last = sorted.at(-1);
  if (last) {
    const now = await countUpTo(last);
    if (now < last.totalEvents) {
      problems.push({
        kind: 'anchor-events-missing',
        seal: last.sealNo,
        globalPosition: last.uptoPosition,
        detail: `anchored seal ${last.sealNo} says ${last.totalEvents} events existed up to ${last.upto} (position ${last.uptoPosition}); the store holds ${now} there: ${last.totalEvents - now} removed`,
      });
    }
  }
  return problems;
}

export const sealKeyLabel = (keyId: string) => (keyId === UNKEYED ? 'none (plain sha-256)' : keyId);
