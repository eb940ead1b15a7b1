/**
 * Rebuilds one reporting projection beside the live tables, then swaps it in.
 *   node -r @swc-node/register libs/reporting/projections/src/cli/rebuild.cli.ts <projection>
 *        [--database-url URL] [--brokers host:port[,host:port]]
 * Defaults: DATABASE_URL (the reporting database) and KAFKA_BROKERS. Progress bar and logs on
 * stderr; one JSON summary on stdout, so the output can be piped.
 */
import { jsonLogger, kafkaLogCreator, rebuildProjection } from '@tpm/projections';
import { SingleBar } from 'cli-progress';
import { Kafka, logLevel } from 'kafkajs';
import { openReportingDatabase } from '../reporting-data-source';
import { REPORTING_PROJECTIONS } from '../reporting-projections.registry';

const usage = () =>
  `usage: rebuild.cli.ts <${Object.keys(REPORTING_PROJECTIONS).join('|')}> [--database-url URL] [--brokers host:port] [--topics a,b]`;

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
  return { name: positional[0], flags };
}

async function main(): Promise<number> {
  const { name, flags } = parseArgs(process.argv.slice(2));
  const registered = name ? REPORTING_PROJECTIONS[name] : undefined;
  const databaseUrl = flags['database-url'] ?? process.env.DATABASE_URL;
  const brokers = (flags.brokers ?? process.env.KAFKA_BROKERS)?.split(',');
  if (!registered || !databaseUrl || !brokers) {
    process.stderr.write(`${!registered && name ? `unknown projection: ${name}\n` : ''}${usage()}\n(set DATABASE_URL and KAFKA_BROKERS or pass the flags)\n`);
    return 2;
  }
  const logger = jsonLogger('rebuild-cli');
  const topics = flags.topics ? flags.topics.split(',') : registered.topics;
  const kafka = new Kafka({ clientId: `rebuild-${name}`, brokers, logLevel: logLevel.WARN, logCreator: kafkaLogCreator(logger) });
  const ds = await openReportingDatabase(databaseUrl);
  const bar = new SingleBar({ stream: process.stderr, format: `${name} [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left`, hideCursor: true });
  let barStarted = false;
  try {
    const result = await rebuildProjection({
      projection: registered.projection,
      dataSource: ds,
      kafka,
      topics,
      // Logs would tear the bar apart: only warnings and errors while it is drawn.
      logger: { ...logger, info: () => undefined },
      onProgress: (done, total) => {
        if (!barStarted) {
          bar.start(total, done);
          barStarted = true;
        } else {
          bar.setTotal(total);
          bar.update(done);
        }
      },
    });
    bar.stop();
    process.stdout.write(JSON.stringify({ ok: true, ...result }) + '\n');
    return 0;
  } catch (e) {
    bar.stop();
    process.stdout.write(JSON.stringify({ ok: false, projection: name, error: String(e) }) + '\n');
    return 1;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  },
);
