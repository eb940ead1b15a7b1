// Integrity commands for the PostgreSQL event store (runbook: verify after any incident, seal on
// a schedule). Usage:
//   node -r @swc-node/register libs/platform/event-store/src/cli/event-store.cli.ts verify|seal \
//     [--database-url URL] [--schema es]
// DATABASE_URL is the default; EVENT_STORE_HMAC_KEY must be set when the store was written with one.
// stdout carries one JSON result; stderr carries the logs and, for verify, a progress bar.
// Exit code: 0 intact / sealed, 1 problems found, 2 usage or runtime error.
import { SingleBar, Presets } from 'cli-progress';
import { configureLogging } from '@tpm/logging';
import { PostgresEventStore } from '../postgres/postgres-event-store';

const log = configureLogging({ service: 'event-store-cli' }).child({ component: 'cli' });

const usage = 'usage: event-store.cli.ts verify|seal [--database-url URL] [--schema es]';

function parseArgs(argv: string[]) {
  const [command, ...rest] = argv;
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(rest[i]);
    if (!m) throw new Error(`unexpected argument ${rest[i]}`);
    flags[m[1]] = m[2] ?? rest[++i];
    if (flags[m[1]] === undefined) throw new Error(`--${m[1]} needs a value`);
  }
  if (command !== 'verify' && command !== 'seal') throw new Error(`unknown command ${command ?? '(none)'}`);
  const databaseUrl = flags['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('no database: pass --database-url or set DATABASE_URL');
  return { command, databaseUrl, schema: flags.schema ?? 'es' };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    log.error((e as Error).message);
    process.stderr.write(usage + '\n');
    return 2;
  }
  const store = new PostgresEventStore({
    connectionString: args.databaseUrl,
    schema: args.schema,
    hmacKey: process.env.EVENT_STORE_HMAC_KEY || undefined,
    poolSize: 2,
    logger: log,
  });
  try {
    if (args.command === 'seal') {
      log.info({ schema: args.schema }, 'sealing the log up to the safe horizon');
      const seal = await store.seal();
      process.stdout.write(JSON.stringify({ sealed: seal !== null, seal }) + '\n');
      log.info({ seal }, seal ? 'sealed' : 'nothing new to seal');
      return 0;
    }
    log.info({ schema: args.schema }, 'verifying every stream chain, stream head and seal');
    const bar = new SingleBar({ stream: process.stderr, format: 'verify [{bar}] {percentage}% | {value}/{total} events | ETA {eta}s' }, Presets.shades_classic);
    let started = false;
    const report = await store.verify({
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        }
        bar.setTotal(total);
        bar.update(done);
      },
    });
    if (started) bar.stop();
    process.stdout.write(JSON.stringify(report) + '\n');
    const summary = { problems: report.problems.length, eventsChecked: report.eventsChecked, sealsChecked: report.sealsChecked, unsealedEvents: report.unsealedEvents };
    if (report.ok) log.info(summary, 'history intact');
    else log.error(summary, 'integrity problems found');
    return report.ok ? 0 : 1;
  } catch (e) {
    log.error({ err: (e as Error).message }, 'command failed');
    return 2;
  } finally {
    await store.close();
  }
}

main().then((code) => process.exit(code));
