import type { Decider } from '@tpm/kernel';
import type {
  AppendOptions,
  AppendResult,
  CountEventsOptions,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  SealRecord,
  VerificationReport,
  VerifyOptions,
} from '../event-store';
import { isSealedField, openField, sealField, type SealedField } from './field-cipher';
import type { KeyLookup, PersonalDataKeys } from './personal-data-keys';
import { ERASED, type PersonalDataPolicy, type PersonalDataRule } from './personal-data-policy';

/** What an erased (or unreadable) field reads as: the marker for text, null for anything else. */
const erasedValueOf = (value: unknown) => (typeof value === 'string' ? ERASED : null);

/** Applies `fn` to every value a path names ('a.b', 'items.*.text'); returns a changed copy. */
function mapPath(value: unknown, segments: readonly string[], fn: (v: unknown, path: string) => unknown, at = ''): unknown {
  if (!segments.length) return value === undefined || value === null ? value : fn(value, at);
  const [head, ...rest] = segments;
  if (head === '*') {
    if (!Array.isArray(value)) return value;
    return value.map((item, i) => mapPath(item, rest, fn, `${at}.${i}`));
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !(head in value)) return value;
  const record = value as Record<string, unknown>;
  return { ...record, [head]: mapPath(record[head], rest, fn, at ? `${at}.${head}` : head) };
}

/** Every sealed field in a value, wherever it sits (rules may have changed since it was written). */
function collectSealed(value: unknown, into: SealedField[]): void {
  if (!value || typeof value !== 'object') return;
  if (isSealedField(value)) {
    into.push(value);
    return;
  }
  for (const v of Array.isArray(value) ? value : Object.values(value)) collectSealed(v, into);
}

function openAll(value: unknown, open: (sealed: SealedField) => unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  if (isSealedField(value)) return open(value);
  if (Array.isArray(value)) return value.map((v) => openAll(v, open));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openAll(v, open)]));
}

/**
 * The store as a service's code sees it: personal fields (per the context's policy) are sealed
 * with the subject's key before the inner store hashes and stores them, and opened on every read.
 * Erased subjects' fields read as ERASED. The inner store (`log`) holds and hands out ciphertext
 * only: the relay publishes from it, so `<context>.log` carries ciphertext too, and verification
 * checks the bytes as stored, which an erasure does not change.
 */
export class PersonalDataStore implements EventStore {
  private readonly rules: Map<string, { rule: PersonalDataRule; paths: string[][] }>;

  constructor(
    readonly log: EventStore,
    readonly keys: PersonalDataKeys,
    policy: PersonalDataPolicy = [],
  ) {
    this.rules = new Map();
    for (const rule of policy) {
      if (this.rules.has(rule.type)) throw new Error(`Two personal-data rules name ${rule.type}`);
      this.rules.set(rule.type, { rule, paths: rule.fields.map((f) => f.split('.')) });
    }
  }

  /** Event types whose data this store seals. */
  get personalTypes(): string[] {
    return [...this.rules.keys()];
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const subjects = events.map((e) => this.subjectOf(e.type, e.data));
    const wanted = subjects.filter((s): s is string => !!s);
    if (!wanted.length) return this.log.append(streamId, events, options);
    const keys = await this.keys.keysFor(wanted, { create: true });
    const sealed = events.map((e, i) => {
      const subject = subjects[i];
      if (!subject) return e;
      const key = keys.get(subject) as KeyLookup;
      const eventId = String(e.eventId).toLowerCase();
      let data: unknown = e.data;
      for (const path of this.rules.get(e.type)!.paths) {
        data = mapPath(data, path, (v, at) => (key === 'erased' ? erasedValueOf(v) : sealField(key, subject, eventId, at, v)));
      }
      return { ...e, data };
    });
    return this.log.append(streamId, sealed, options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.open(await this.log.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    const result = await this.log.readAll(options);
    return { ...result, events: await this.open(result.events) };
  }

  streamVersion(streamId: string): Promise<number> {
    return this.log.streamVersion(streamId);
  }

  async aggregate<C, E, S>(
    streamId: string,
    decider: Pick<Decider<C, E, S>, 'evolve' | 'initialState'>,
    options?: ReadStreamOptions,
  ): Promise<{ state: S; version: number }> {
    const events = await this.readStream(streamId, options);
    const state = events.reduce((st, e) => decider.evolve(st, { type: e.type, data: e.data } as E), decider.initialState());
    return { state, version: events.at(-1)?.streamVersion ?? 0 };
  }

  countEvents(options?: CountEventsOptions): Promise<number> {
    return this.log.countEvents ? this.log.countEvents(options) : Promise.reject(new Error('countEvents is not supported by the inner store'));
  }

  verify(options?: VerifyOptions): Promise<VerificationReport> {
    return this.log.verify(options);
  }

  seal(): Promise<SealRecord | null> {
    return this.log.seal ? this.log.seal() : Promise.resolve(null);
  }

  listSeals(options?: { afterSealNo?: number; limit?: number }): Promise<SealRecord[]> {
    return this.log.listSeals ? this.log.listSeals(options) : Promise.resolve([]);
  }

  close(): Promise<void> {
    return this.log.close();
  }

  /** Opens the sealed fields of recorded events with one key lookup for all their subjects. */
  async open(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const sealedBy = new Map<RecordedEvent, SealedField[]>();
    for (const e of events) {
      // Only events a rule names can hold sealed fields (a rule is never dropped while its events exist).
      if (!this.rules.has(e.type)) continue;
      const found: SealedField[] = [];
      collectSealed(e.data, found);
      if (found.length) sealedBy.set(e, found);
    }
    if (!sealedBy.size) return events;
    const subjects = [...new Set([...sealedBy.values()].flat().map((s) => s.k))];
    const keys = await this.keys.keysFor(subjects);
    return events.map((e) => {
      if (!sealedBy.has(e)) return e;
      const data = openAll(e.data, (sealed) => {
        const key = keys.get(sealed.k);
        if (!key || key === 'erased') return sealed.t === 's' ? ERASED : null;
        return openField(key, e.eventId, sealed);
      });
      return { ...e, data };
    });
  }

  private subjectOf(type: string, data: unknown): string | null {
    const entry = this.rules.get(type);
    if (!entry) return null;
    const subject = entry.rule.subject(data);
    return typeof subject === 'string' && subject ? subject : null;
  }
}
