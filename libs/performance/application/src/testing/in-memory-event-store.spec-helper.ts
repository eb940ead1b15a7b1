import type { AppendOptions, AppendResult, EventStore, NewEvent, ReadAllOptions, ReadAllResult, RecordedEvent, ReadStreamOptions } from '@tpm/event-store';
import type { Decider } from '@tpm/kernel';

/** Same code as the store's ConcurrencyConflict, without a runtime import of its implementation. */
export class InMemoryConcurrencyConflict extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  readonly kind = 'conflict';
}

/**
 * Just enough of the event-store contract for handler specs: per-stream versions, optimistic
 * concurrency and idempotent event ids. No hashing, no global-log safety: the contract suite
 * covers those for the real stores.
 */
export class InMemoryEventStore implements EventStore {
  readonly streams = new Map<string, RecordedEvent[]>();
  appendCalls = 0;
  /** Lets a spec slip in a competing write right before an append. */
  beforeAppend?: (streamId: string) => Promise<void> | void;
  private position = 0;

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.appendCalls++;
    await this.beforeAppend?.(streamId);
    const stream = this.streams.get(streamId) ?? [];
    const expected = options.expectedVersion;
    const actual = stream.length;
    const ok =
      expected === 'any' ||
      (expected === 'no-stream' && actual === 0) ||
      (expected === 'stream-exists' && actual > 0) ||
      expected === actual;
    if (!ok) throw new InMemoryConcurrencyConflict(`Stream ${streamId} is at version ${actual}, expected ${expected}`);
    const m = options.metadata;
    const positions: number[] = [];
    for (const e of events) {
      positions.push(++this.position);
      stream.push({
        eventId: e.eventId,
        streamId,
        streamVersion: stream.length + 1,
        globalPosition: this.position,
        type: e.type,
        schemaVersion: e.schemaVersion ?? 1,
        data: structuredClone(e.data),
        metadata: {
          actor: m.actor,
          businessUnitId: m.businessUnitId ?? null,
          correlationId: m.correlationId,
          causationId: m.causationId ?? null,
          traceparent: m.traceparent ?? null,
        },
        occurredAt: new Date(m.occurredAt ?? 0).toISOString(),
        recordedAt: new Date(0).toISOString(),
        hash: '',
      });
    }
    this.streams.set(streamId, stream);
    return { streamId, nextExpectedVersion: stream.length, positions, duplicate: false };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    return (this.streams.get(streamId) ?? []).filter((e) => e.streamVersion >= from && e.streamVersion <= to);
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.streams.get(streamId)?.length ?? 0;
  }

  async aggregate<C, E, S>(streamId: string, decider: Pick<Decider<C, E, S>, 'evolve' | 'initialState'>) {
    const events = await this.readStream(streamId);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: structuredClone(e.data) } as E), decider.initialState());
    return { state, version: events.length };
  }

  /** Every event of every stream as `{ type, data }`, in append order. */
  all(): { streamId: string; type: string; data: any }[] {
    return [...this.streams.values()].flat().sort((a, b) => a.globalPosition - b.globalPosition).map(({ streamId, type, data }) => ({ streamId, type, data }));
  }

  /** Positions are plain global numbers here; no late commits to guard against in memory. */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after === undefined || options.after === 'start' ? 0 : Number(options.after);
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const later = [...this.streams.values()].flat().filter((e) => e.globalPosition > after).sort((a, b) => a.globalPosition - b.globalPosition);
    const events = later.filter((e) => !options.types || options.types.includes(e.type)).slice(0, limit);
    const last = events.length === limit ? events[events.length - 1].globalPosition : (later[later.length - 1]?.globalPosition ?? after);
    return { events, next: String(last) };
  }
  async verify(): Promise<never> {
    throw new Error('not needed by these specs');
  }
  async close(): Promise<void> {}
}
