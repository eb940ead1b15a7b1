import { Registry } from 'prom-client';
import { createLogger } from '@tpm/logging';
import type { GroupCommitStats } from '@tpm/event-store';
import { registerPlatformCollectors, type MetricSources } from './platform-collectors';

const partition = (checkpoint: string | null, lag: string) => ({ topic: 'training.events', partition: 0, checkpoint, highWatermark: '10', lag });
const projection = (over: Partial<{ state: string; parked: number; partitions: ReturnType<typeof partition>[] }> = {}) => ({
  projection: 'p1',
  state: 'active',
  parked: 0,
  lastBatchAt: null,
  partitions: [partition('3', '0')],
  ...over,
});

function setup(sources: MetricSources) {
  const registry = new Registry();
  let t = 0;
  const collectors = registerPlatformCollectors({ registry, sources, logger: createLogger('metrics-spec'), stallAfterMs: 60_000, now: () => t });
  const scrape = async () => {
    collectors.beginScrape();
    const json = await registry.getMetricsAsJSON();
    return (name: string, labels: Record<string, string> = {}) => {
      const metric = json.find((m) => m.name === name || m.name === name.replace(/_(sum|count)$/, ''));
      return metric?.values
        .filter((v) => (metric.name === name || (v as { metricName?: string }).metricName === name) && Object.entries(labels).every(([k, l]) => v.labels[k] === l))
        .map((v) => v.value);
    };
  };
  return { collectors, scrape, advance: (ms: number) => (t += ms) };
}

describe('the platform figures on /metrics', () => {
  it('marks a projection with parked messages degraded, as /health does', async () => {
    const { scrape } = setup({ projections: { statuses: async () => [projection({ parked: 2 })] } });
    const read = await scrape();
    expect(read('tpm_projection_parked_messages', { projection: 'p1' })).toEqual([2]);
    expect(read('tpm_projection_degraded', { projection: 'p1' })).toEqual([1]);
  });

  it('calls a lagging partition stalled once its checkpoint has not moved for the stall delay, and degrades its projection', async () => {
    let current = projection({ partitions: [partition('3', '5')] });
    const { scrape, advance } = setup({ projections: { statuses: async () => [current] } });
    expect((await scrape())('tpm_projection_partition_stalled')).toEqual([0]);
    advance(59_999);
    expect((await scrape())('tpm_projection_partition_stalled')).toEqual([0]);
    advance(1);
    let read = await scrape();
    expect(read('tpm_projection_partition_stalled', { partition: '0' })).toEqual([1]);
    expect(read('tpm_projection_degraded', { projection: 'p1' })).toEqual([1]);
    // It moves again: no longer stalled, and the delay starts over.
    current = projection({ partitions: [partition('4', '4')] });
    advance(120_000);
    read = await scrape();
    expect(read('tpm_projection_partition_stalled')).toEqual([0]);
    expect(read('tpm_projection_degraded')).toEqual([0]);
  });

  it('never calls a standby stalled (the active replica applies), nor a partition without lag', async () => {
    let current = projection({ state: 'standby', partitions: [partition('3', '5')] });
    const { scrape, advance } = setup({ projections: { statuses: async () => [current] } });
    await scrape();
    advance(120_000);
    expect((await scrape())('tpm_projection_partition_stalled')).toEqual([0]);
    current = projection({ partitions: [partition('3', '0')] });
    await scrape();
    advance(120_000);
    expect((await scrape())('tpm_projection_partition_stalled')).toEqual([0]);
  });

  it('says the statuses could not be read instead of failing the scrape', async () => {
    const { scrape } = setup({ projections: { statuses: () => Promise.reject(new Error('database down')) } });
    const read = await scrape();
    expect(read('tpm_projection_status_up')).toEqual([0]);
    expect(read('tpm_projection_lag')).toEqual([]);
    // Counted while the scrape runs: the failure shows by the next scrape at the latest.
    expect((await scrape())('tpm_metrics_collect_failures_total', { source: 'projections' })![0]).toBeGreaterThanOrEqual(1);
  });

  it('reports the store counters as kept by the store, and one flush size per commit notification', async () => {
    const stats: GroupCommitStats = { flushes: 0, appends: 0, events: 0, deferrals: 0, staleHeads: 0, fallbacks: 0 };
    let listener: () => void = () => undefined;
    const eventLog = { stats: () => ({ ...stats }), onAppended: (l: () => void) => ((listener = l), () => undefined) } as unknown as MetricSources['eventLog'];
    const { scrape } = setup({ eventLog });
    Object.assign(stats, { flushes: 1, appends: 3, events: 7 });
    listener();
    Object.assign(stats, { flushes: 2, appends: 4, events: 8, deferrals: 1 });
    listener();
    const read = await scrape();
    expect(read('tpm_event_store_appends_total')).toEqual([4]);
    expect(read('tpm_event_store_deferrals_total')).toEqual([1]);
    expect(read('tpm_event_store_flush_appends_sum')).toEqual([4]);
    expect(read('tpm_event_store_flush_appends_count')).toEqual([2]);
    expect(read('tpm_event_store_flush_events_sum')).toEqual([8]);
  });

  it('leaves out the series of a part the service does not run', async () => {
    const { scrape } = setup({});
    const read = await scrape();
    for (const name of ['tpm_relay_published_total', 'tpm_relay_active', 'tpm_inbox_handled_total', 'tpm_inbox_running', 'tpm_event_store_appends_total', 'tpm_projection_status_up', 'tpm_scheduler_deadlines_pending']) {
      expect(read(name)).toBeUndefined();
    }
  });
});
