import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { EventStore, GroupCommitStats, LogPosition } from '@tpm/event-store';
import type { ConsumerStatus, RelayStatus } from '@tpm/messaging';
import type { DeadlineBacklog } from '@tpm/scheduler';
import type { Logger } from '@tpm/logging';

/**
 * What the collectors read, looked up once the application is up (each part may be absent in a
 * service: no consumer, no scheduler...). Every figure is read from the part that already keeps
 * it, at scrape time: nothing here counts twice what the platform counts.
 */
export interface MetricSources {
  /** The store as stored (PostgresEventStore): its group-commit counters and append notifications. */
  eventLog?: EventStore & { stats?: () => GroupCommitStats; onAppended?: (listener: () => void) => () => void };
  relay?: { status(): RelayStatus };
  inbox?: { status(): ConsumerStatus };
  /** The ProjectionHost: the same statuses `GET /projections` returns. */
  projections?: { statuses(): Promise<unknown[]> };
  /** The scheduler backlog at the service's clock. */
  deadlines?: () => Promise<DeadlineBacklog[]>;
}

/** The part of a projection status the metrics read (ProjectionStatus of @tpm/projections). */
interface ProjectionFigures {
  projection: string;
  state: string;
  partitions: { topic: string; partition: number; checkpoint: string | null; lag: string }[];
  parked: number;
  lastBatchAt: string | null;
}

const PROJECTION_STATES = ['active', 'standby', 'stopped'];
const SCRAPE_TIMEOUT_MS = 5_000;

const withTimeout = <T>(p: Promise<T>, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out`)), SCRAPE_TIMEOUT_MS).unref())]);

/** A counter whose value the platform already keeps: set from it at each scrape (it only grows while the process lives). */
function observedCounter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[], read: () => Array<[Partial<Record<L, string>>, number]>) {
  return new Counter<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.inc(labels, value);
    },
  });
}

export interface CollectorOptions {
  registry: Registry;
  /** The parts this service runs, resolved once the application is up: a part it does not run gets no series. */
  sources: MetricSources;
  logger: Logger;
  /** A partition with lag whose checkpoint has not moved for this long is stalled (default 60 s). */
  stallAfterMs?: number;
  now?: () => number;
}

/** Registers the event-store, relay, inbox, projection and scheduler series on `registry`. */
export function registerPlatformCollectors(options: CollectorOptions): { beginScrape(): void } {
  const { registry, logger } = options;
  const now = options.now ?? Date.now;
  const stallAfterMs = options.stallAfterMs ?? 60_000;
  const { sources } = options;
  const src = () => sources;
  /** Which scrape is being collected: figures read once are shared by the series of one scrape only. */
  let generation = 0;
  /**
   * Reads once for every gauge of a scrape (prom-client collects the metrics of a scrape
   * concurrently, each awaiting its own collect): the first collect starts the read, the others
   * of the same scrape share it.
   */
  const perScrape = <T>(read: () => Promise<T>): (() => Promise<T>) => {
    let last: { generation: number; value: Promise<T> } | null = null;
    return () => {
      if (!last || last.generation !== generation) last = { generation, value: read() };
      return last.value;
    };
  };
  const failed = new Counter<'source'>({
    name: 'tpm_metrics_collect_failures_total',
    help: 'Scrapes whose figures of a source could not be read (the series of that source are missing from the scrape)',
    labelNames: ['source'],
    registers: [registry],
  });
  const guard = async <T>(source: string, read: () => Promise<T>): Promise<T | null> => {
    try {
      return await withTimeout(read(), source);
    } catch (e) {
      failed.inc({ source });
      logger.warn({ source, err: (e as Error).message }, 'metrics source could not be read');
      return null;
    }
  };

  // ------------------------------------------------------------------ event store
  if (sources.eventLog?.stats) {
    const stats = (): GroupCommitStats | null => src().eventLog?.stats?.() ?? null;
    const storeCounter = (name: string, help: string, key: keyof GroupCommitStats) =>
      observedCounter(registry, name, help, [], () => {
        const s = stats();
        return s ? [[{}, s[key]]] : [];
      });
    storeCounter('tpm_event_store_appends_total', 'Appends (one stream, one expected version) committed by this process', 'appends');
    storeCounter('tpm_event_store_events_appended_total', 'Events committed by this process', 'events');
    storeCounter('tpm_event_store_flushes_total', 'Group-commit flushes (one transaction each) run by this process', 'flushes');
    storeCounter('tpm_event_store_deferrals_total', 'Appends deferred to the next flush (a stream already written in the same flush)', 'deferrals');
    storeCounter('tpm_event_store_stale_heads_total', 'Appends retried because the cached stream head had moved (another writer)', 'staleHeads');
    storeCounter('tpm_event_store_fallbacks_total', 'Appends that left group commit for a single-append transaction', 'fallbacks');
    const flushAppends = new Histogram({
      name: 'tpm_event_store_flush_appends',
      help: 'Appends committed per group-commit flush that wrote events',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers: [registry],
    });
    const flushEvents = new Histogram({
      name: 'tpm_event_store_flush_events',
      help: 'Events committed per group-commit flush that wrote events',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      registers: [registry],
    });
    // Each commit's notification comes synchronously right after the store moved its counters:
    // the difference since the previous one is exactly that flush.
    const log = sources.eventLog;
    if (log.onAppended) {
      let last = log.stats!();
      log.onAppended(() => {
        const s = log.stats!();
        if (s.flushes > last.flushes) {
          flushAppends.observe(s.appends - last.appends);
          flushEvents.observe(s.events - last.events);
        }
        last = s;
      });
    }
  }

  // ------------------------------------------------------------------ relay
  if (sources.relay) {
    const relay = () => src().relay?.status() ?? null;
    observedCounter(registry, 'tpm_relay_published_total', 'Stored events this process relayed to Kafka (acknowledged by the broker)', [], () => {
      const r = relay();
      return r ? [[{}, r.published]] : [];
    });
    new Gauge({
      name: 'tpm_relay_active',
      help: '1 when this replica holds the relay lead, 0 on standby',
      registers: [registry],
      collect() {
        const r = relay();
        if (r) this.set(r.active ? 1 : 0);
      },
    });
    new Gauge({
      name: 'tpm_relay_lag_events',
      help: 'Committed events not yet relayed (active relay only; counted up to 10000)',
      registers: [registry],
      async collect() {
        this.reset();
        const { relay: r, eventLog } = src();
        const status = r?.status();
        if (!status?.active || !eventLog) return;
        const after: LogPosition = status.position;
        const page = await guard('relay', () => eventLog.readAll({ after, limit: 10_000, horizon: 'committed' }));
        if (page) this.set(page.events.length);
      },
    });
    new Gauge({
      name: 'tpm_relay_last_published_timestamp_seconds',
      help: 'When the relay last had a batch acknowledged (unix seconds)',
      registers: [registry],
      collect() {
        this.reset();
        const at = relay()?.lastPublishedAt;
        if (at) this.set(Date.parse(at) / 1000);
      },
    });
    new Gauge({
      name: 'tpm_relay_failing',
      help: '1 while the relay last failed to publish (it keeps retrying from its checkpoint)',
      registers: [registry],
      collect() {
        const r = relay();
        if (r) this.set(r.lastError ? 1 : 0);
      },
    });
  }

  // ------------------------------------------------------------------ inbox
  if (sources.inbox) {
    const inbox = () => src().inbox?.status() ?? null;
    const inboxCounter = (name: string, help: string, key: 'handled' | 'duplicates' | 'deadLettered') =>
      observedCounter(registry, name, help, [], () => {
        const s = inbox();
        return s ? [[{}, s[key]]] : [];
      });
    inboxCounter('tpm_inbox_handled_total', 'Consumed events whose reaction committed with their inbox row', 'handled');
    inboxCounter('tpm_inbox_duplicates_total', 'Redelivered events the inbox recognised and skipped', 'duplicates');
    inboxCounter('tpm_inbox_dead_lettered_total', 'Events that kept failing and went to the dead-letter topic', 'deadLettered');
    new Gauge({
      name: 'tpm_inbox_running',
      help: '1 while the inbox consumer runs',
      registers: [registry],
      collect() {
        const s = inbox();
        if (s) this.set(s.running ? 1 : 0);
      },
    });
  }

  // ------------------------------------------------------------------ projections
  if (sources.projections) {
    /** When each partition's checkpoint was last seen to move: a lagging partition that does not move is stalled. */
    const moved = new Map<string, { checkpoint: string | null; since: number }>();
    const isStalled = (p: ProjectionFigures, part: ProjectionFigures['partitions'][number]): boolean => {
      const key = `${p.projection}|${part.topic}|${part.partition}`;
      const t = now();
      const seen = moved.get(key);
      if (!seen || seen.checkpoint !== part.checkpoint || part.lag === '0') {
        moved.set(key, { checkpoint: part.checkpoint, since: t });
        return false;
      }
      return p.state === 'active' && t - seen.since >= stallAfterMs;
    };
    const projections = perScrape(async () => {
      const host = src().projections;
      if (!host) return null;
      const figures = await guard('projections', () => host.statuses() as Promise<ProjectionFigures[]>);
      return figures?.map((p) => ({ ...p, stalled: p.partitions.map((part) => isStalled(p, part)) })) ?? null;
    });
    type Figures = NonNullable<Awaited<ReturnType<typeof projections>>>;
    const fromProjections = (name: string, help: string, labelNames: string[], fill: (g: Gauge<string>, figures: Figures) => void) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          const figures = await projections();
          this.reset();
          if (figures) fill(this, figures);
        },
      });
    const partitionLabels = ['projection', 'topic', 'partition'];
    const eachPartition = (figures: Figures, f: (labels: Record<string, string>, part: Figures[number]['partitions'][number], stalled: boolean) => void) => {
      for (const p of figures) p.partitions.forEach((part, i) => f({ projection: p.projection, topic: part.topic, partition: String(part.partition) }, part, p.stalled[i]));
    };
    new Gauge({
      name: 'tpm_projection_status_up',
      help: '1 when the projection statuses could be read at this scrape',
      registers: [registry],
      async collect() {
        this.reset();
        if (src().projections) this.set((await projections()) ? 1 : 0);
      },
    });
    fromProjections('tpm_projection_lag', 'Messages (Kafka) or events (store) not yet applied, per partition', partitionLabels, (g, figures) =>
      eachPartition(figures, (labels, part) => g.set(labels, Number(part.lag))),
    );
    fromProjections(
      'tpm_projection_partition_stalled',
      '1 when an active projection has lag on the partition and its checkpoint has not moved for the stall delay',
      partitionLabels,
      (g, figures) => eachPartition(figures, (labels, _part, stalled) => g.set(labels, stalled ? 1 : 0)),
    );
    fromProjections('tpm_projection_parked_messages', 'Messages parked and not replayed yet', ['projection'], (g, figures) => {
      for (const p of figures) g.set({ projection: p.projection }, p.parked);
    });
    fromProjections(
      'tpm_projection_degraded',
      '1 when the projection has parked messages or a stalled partition (shown as degraded by /health too)',
      ['projection'],
      (g, figures) => {
        for (const p of figures) g.set({ projection: p.projection }, p.parked > 0 || p.stalled.some(Boolean) ? 1 : 0);
      },
    );
    fromProjections('tpm_projection_state', '1 for the state the runner is in (active, standby, stopped)', ['projection', 'state'], (g, figures) => {
      for (const p of figures) for (const st of PROJECTION_STATES) g.set({ projection: p.projection, state: st }, p.state === st ? 1 : 0);
    });
    fromProjections('tpm_projection_last_batch_timestamp_seconds', 'When the projection last applied a batch in this process (unix seconds)', ['projection'], (g, figures) => {
      for (const p of figures) if (p.lastBatchAt) g.set({ projection: p.projection }, Date.parse(p.lastBatchAt) / 1000);
    });
  }

  // ------------------------------------------------------------------ scheduler
  if (sources.deadlines) {
    const backlog = perScrape(async () => {
      const read = src().deadlines;
      return read ? await guard('scheduler', read) : null;
    });
    const fromBacklog = (name: string, help: string, key: 'due' | 'pending' | 'failing') =>
      new Gauge({
        name,
        help,
        labelNames: ['kind'],
        registers: [registry],
        async collect() {
          const rows = await backlog();
          this.reset();
          for (const b of rows ?? []) this.set({ kind: b.kind }, b[key]);
        },
      });
    fromBacklog('tpm_scheduler_deadlines_pending', 'Deadlines neither fired nor cancelled, due or not', 'pending');
    fromBacklog('tpm_scheduler_deadlines_due', 'Pending deadlines already due (fired on the next tick)', 'due');
    fromBacklog('tpm_scheduler_deadlines_failing', 'Due deadlines whose handler failed at least once', 'failing');
  }

  return {
    beginScrape() {
      generation++;
    },
  };
}
