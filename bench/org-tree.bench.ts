// The business-unit tree read by every onboarding, transfer and cascade: the whole tree stream
// folded per command (before; the peer) against the cached fold that asks the store for the
// stream's version and folds only what is new (ours), on a tree of BENCH_UNITS units and two
// positions per unit, with a unit registered every 50 commands (so the cache keeps catching up).
//   npm run bench -- org-tree        BENCH_UNITS (default 1000), BENCH_COMMANDS (default 500)
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PostgresEventStore } from '../libs/platform/event-store/src/postgres/postgres-event-store';
import { configureLogging } from '../libs/platform/logging/src';
import { orgStructureDecider } from '../libs/performance/domain/src';
import { loadOrgStructure } from '../libs/performance/application/src/org-structure.reader';
import { ORG_STRUCTURE_STREAM } from '../libs/performance/application/src/org.streams';
import { benchInfra, progressBar, report, round } from './bench-infra';

const UNITS = Number(process.env.BENCH_UNITS ?? 1000);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 500);
const log = configureLogging({ service: 'bench' }).child({ component: 'org-tree' });
const meta = { actor: { subject: 'bench', roles: ['admin' as const] }, correlationId: randomUUID() };
const at = new Date().toISOString();

async function main() {
  const infra = await benchInfra({ kafka: false });
  const url = await infra.database('bench_org_tree');
  const store = new PostgresEventStore({ connectionString: url, poolSize: 4 });
  try {
    await store.ensureSchema();
    const writing = progressBar('tree');
    writing.start(UNITS, 0);
    let version = 0;
    const unit = (id: string, parentId: string | null) => ({ eventId: randomUUID(), type: 'BusinessUnitRegistered', data: { businessUnitId: id, name: id, parentId, at } });
    const position = (id: string, bu: string) => ({ eventId: randomUUID(), type: 'PositionDefined', data: { positionId: id, title: id, businessUnitId: bu, level: 'staff', at } });
    for (let i = 0; i < UNITS; i += 100) {
      const batch = [];
      for (let j = i; j < Math.min(UNITS, i + 100); j++) {
        const id = `BU-${j}`;
        batch.push(unit(id, j === 0 ? null : `BU-${Math.floor((j - 1) / 10)}`), position(`P-${j}-a`, id), position(`P-${j}-b`, id));
      }
      const r = await store.append(ORG_STRUCTURE_STREAM, batch, { expectedVersion: version, metadata: meta });
      version = r.nextExpectedVersion;
      writing.update(Math.min(UNITS, i + 100));
    }
    writing.stop();
    log.info({ units: UNITS, events: version }, 'tree written');

    const run = async (label: string, load: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < COMMANDS; i++) {
        if (i % 50 === 49) {
          const r = await store.append(ORG_STRUCTURE_STREAM, [unit(`BU-${label}-${i}`, 'BU-0')], { expectedVersion: version, metadata: meta });
          version = r.nextExpectedVersion;
        }
        const t0 = performance.now();
        await load();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { total: times.reduce((a, b) => a + b, 0), p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
    };
    const peer = await run('fold', () => store.aggregate(ORG_STRUCTURE_STREAM, orgStructureDecider));
    const ours = await run('cached', () => loadOrgStructure(store));
    report(
      'org-tree',
      [
        { workload: `tree read per command, ${UNITS} units, p50 ms`, ours: round(ours.p50), 'whole fold': round(peer.p50), ratio: round(peer.p50 / ours.p50, 1) },
        { workload: `tree read per command, ${UNITS} units, p95 ms`, ours: round(ours.p95), 'whole fold': round(peer.p95), ratio: round(peer.p95 / ours.p95, 1) },
        { workload: `${COMMANDS} commands, total ms`, ours: round(ours.total), 'whole fold': round(peer.total), ratio: round(peer.total / ours.total, 1) },
      ],
      ['ratio = whole fold ÷ ours (higher is better for ours). A unit is registered every 50 commands: ours folds it in on the next read.'],
    );
  } finally {
    await store.close();
    await infra.close();
  }
}

main().catch((e) => {
  log.error({ err: e }, 'bench failed');
  process.exit(1);
});
