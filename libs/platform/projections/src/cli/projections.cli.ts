/**
 * Rebuilds any service's projection beside its live tables, then swaps it in, whatever its source.
 *   npm run projections -- <projection> [--database-url URL] [--brokers host:port] [--topics a,b] [--store-url URL]
 *   npm run projections -- list
 *   npm run projections -- replay-parked <projection> [--database-url URL]   (re-applies its parked messages after a fix)
 * The npm script names the registries (one module per service exporting PROJECTION_REGISTRATIONS)
 * with `--registries a.ts,b.ts`: the composition root knows the services, this tool does not.
 * Defaults: DATABASE_URL (the owning service's database), KAFKA_BROKERS (Kafka-fed projections
 * only), the store in the same database (store-fed ones). Progress bar and logs on stderr; one
 * JSON summary on stdout, so the output can be piped.
 */
import { resolve } from 'node:path';
import { EsdbEventStore, PostgresEventStore, eventStoreBackendOf } from '@tpm/event-store';
import { SingleBar } from 'cli-progress';
import { Kafka, logLevel } from 'kafkajs';
import { rebuildProjection, type RebuildResult } from '../projection-rebuild';
import { configureLogging, kafkaLogCreator } from '@tpm/logging';
import type { ProjectionRegistration } from '../projection-registration';
import { rebuildStoreProjection } from '../store-rebuild';
import { replayParked } from '../parked-replay';

function parseArgs(argv: string[]) {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2);
      flags[k] = inline ?? argv[++i];
    } else positional.push(a);
  }
  return positional[0] === 'replay-parked' ? { command: 'replay-parked' as const, name: positional[1], flags } : { command: 'rebuild' as const, name: positional[0], flags };
}

function loadRegistrations(paths: string[]): ProjectionRegistration[] {
  return paths.flatMap((p) => {
    // Loaded by path so that the platform imports no context: the npm script lists them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(resolve(p)) as { PROJECTION_REGISTRATIONS?: ProjectionRegistration[] };
    if (!mod.PROJECTION_REGISTRATIONS) throw new Error(`${p} exports no PROJECTION_REGISTRATIONS`);
    return mod.PROJECTION_REGISTRATIONS;
  });
}

async function rebuild(r: ProjectionRegistration, flags: Record<string, string>, databaseUrl: string, onProgress: (done: number, total: number) => void): Promise<RebuildResult> {
  // Logs would tear the bar apart: only warnings and errors while it is drawn.
  const logger = configureLogging({ service: 'projections-cli', level: process.env.LOG_LEVEL ?? 'warn' }).child({ component: 'rebuild' });
  const ds = await r.openDatabase(databaseUrl);
  try {
    if (r.source.kind === 'store') {
      // The store the service writes: EVENT_STORE_BACKEND=esdb reads EventStoreDB (ESDB_CONNECTION_STRING).
      const backend = eventStoreBackendOf(process.env);
      const store =
        backend.backend === 'esdb'
          ? new EsdbEventStore({ connectionString: backend.connectionString })
          : new PostgresEventStore({ connectionString: flags['store-url'] ?? databaseUrl, poolSize: 2 });
      try {
        return await rebuildStoreProjection({ projection: r.projection, dataSource: ds, store, context: r.source.context, logger, onProgress });
      } finally {
        await store.close();
      }
    }
    const brokers = (flags.brokers ?? process.env.KAFKA_BROKERS)?.split(',');
    if (!brokers) throw new Error(`${r.projection.name} reads Kafka: set KAFKA_BROKERS or pass --brokers`);
    const kafka = new Kafka({ clientId: `rebuild-${r.projection.name}`, brokers, logLevel: logLevel.WARN, logCreator: kafkaLogCreator(logger) });
    const topics = flags.topics ? flags.topics.split(',') : r.source.topics;
    return await rebuildProjection({ projection: r.projection, dataSource: ds, kafka, topics, logger, onProgress });
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<number> {
  const { command, name, flags } = parseArgs(process.argv.slice(2));
  const registrations = loadRegistrations((flags.registries ?? '').split(',').filter(Boolean));
  const byName = new Map(registrations.map((r) => [r.projection.name, r]));
  if (name === 'list') {
    for (const r of registrations) {
      process.stdout.write(JSON.stringify({ projection: r.projection.name, version: r.projection.version, service: r.service, source: r.source }) + '\n');
    }
    return 0;
  }
  const registered = name ? byName.get(name) : undefined;
  const databaseUrl = flags['database-url'] ?? process.env.DATABASE_URL;
  if (!registered || !databaseUrl) {
    process.stderr.write(
      `${!registered && name ? `unknown projection: ${name}\n` : ''}usage: npm run projections -- <${[...byName.keys()].join('|')}|list> ` +
        `[--database-url URL] [--brokers host:port] [--topics a,b] [--store-url URL]\n       npm run projections -- replay-parked <projection> [--database-url URL]\n` +
        `(set DATABASE_URL to the owning service's database, or pass the flag)\n`,
    );
    return 2;
  }
  if (command === 'replay-parked') {
    const ds = await registered.openDatabase(databaseUrl);
    try {
      const result = await replayParked(registered.projection, ds);
      process.stdout.write(JSON.stringify({ ok: result.stillFailing === 0, service: registered.service, ...result }) + '\n');
      return result.stillFailing === 0 ? 0 : 1;
    } finally {
      await ds.destroy();
    }
  }
  const bar = new SingleBar({ stream: process.stderr, format: `${name} [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left`, hideCursor: true });
  let barStarted = false;
  try {
    const result = await rebuild(registered, flags, databaseUrl, (done, total) => {
      if (!barStarted) {
        bar.start(total, done);
        barStarted = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    });
    bar.stop();
    process.stdout.write(JSON.stringify({ ok: true, service: registered.service, source: registered.source.kind, ...result }) + '\n');
    return 0;
  } catch (e) {
    bar.stop();
    process.stdout.write(JSON.stringify({ ok: false, projection: name, error: String(e) }) + '\n');
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  },
);
