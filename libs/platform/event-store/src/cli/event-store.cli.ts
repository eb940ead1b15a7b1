// Integrity commands for the event store (runbook: docs/runbooks/verify-history.md): PostgreSQL,
// or EventStoreDB/KurrentDB when EVENT_STORE_BACKEND=esdb (ESDB_CONNECTION_STRING; --schema then
// names nothing and the seals are the store's seal stream), as the service is configured.
// Usage:
//   npm run eventstore -- verify [--anchors FILE | --anchors-topic TOPIC] [--database-url URL] [--schema es]
//   npm run eventstore -- seal [--database-url URL] [--schema es]
//   npm run eventstore -- export-anchors --out FILE [--from-topic TOPIC] [--seal] [--database-url URL] [--schema es]
// DATABASE_URL is the default database; KAFKA_BROKERS (or --kafka-brokers) the brokers of the
// topic options. EVENT_STORE_HMAC_KEYS / EVENT_STORE_HMAC_KEY must hold the keys the store was
// written with: events made with a key that is missing are reported as uncheckable.
// stdout carries one JSON result; stderr carries the logs and, for verify, a progress bar.
// Exit code: 0 intact / done, 1 problems found, 2 usage or runtime error.
import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { Kafka, logLevel } from 'kafkajs';
import { configureLogging } from '@tpm/logging';
import { buildAnchorFile, checkAnchorFile, parseAnchorFile } from '../anchors';
import { readAnchorsFromTopic } from '../anchors-kafka';
import type { IntegrityProblem, SealRecord } from '../event-store';
import { loadHmacKeys } from '../integrity-keys';
import { EsdbEventStore } from '../esdb/esdb-event-store';
import { eventStoreBackendOf, type EventStoreBackendChoice } from '../event-store-backend';
import { PostgresEventStore } from '../postgres/postgres-event-store';

const log = configureLogging({ service: 'event-store-cli' }).child({ component: 'cli' });

const usage = [
  'usage: event-store.cli.ts verify [--anchors FILE | --anchors-topic TOPIC] [--database-url URL] [--schema es] [--kafka-brokers H:P]',
  '       event-store.cli.ts seal [--database-url URL] [--schema es]',
  '       event-store.cli.ts export-anchors --out FILE [--from-topic TOPIC] [--seal] [--database-url URL] [--schema es] [--kafka-brokers H:P]',
].join('\n');

const COMMANDS = ['verify', 'seal', 'export-anchors'] as const;
type Command = (typeof COMMANDS)[number];
const BOOLEAN_FLAGS = new Set(['seal']);
const KNOWN_FLAGS = new Set(['database-url', 'schema', 'anchors', 'anchors-topic', 'kafka-brokers', 'out', 'from-topic', 'seal', 'store']);

function parseArgs(argv: string[], backend: EventStoreBackendChoice) {
  const [command, ...rest] = argv;
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(rest[i]);
    if (!m) throw new Error(`unexpected argument ${rest[i]}`);
    if (!KNOWN_FLAGS.has(m[1])) throw new Error(`unknown flag --${m[1]}`);
    flags[m[1]] = BOOLEAN_FLAGS.has(m[1]) ? (m[2] ?? 'true') : (m[2] ?? rest[++i]);
    if (flags[m[1]] === undefined) throw new Error(`--${m[1]} needs a value`);
  }
  if (!COMMANDS.includes(command as Command)) throw new Error(`unknown command ${command ?? '(none)'}`);
  const databaseUrl = flags['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl && backend.backend === 'postgres') throw new Error('no database: pass --database-url or set DATABASE_URL');
  if (command === 'export-anchors' && !flags.out) throw new Error('export-anchors needs --out FILE');
  if (flags.anchors && flags['anchors-topic']) throw new Error('pass --anchors or --anchors-topic, not both');
  return {
    command: command as Command,
    databaseUrl,
    schema: flags.schema ?? 'es',
    anchorsFile: flags.anchors,
    anchorsTopic: flags['anchors-topic'],
    fromTopic: flags['from-topic'],
    out: flags.out,
    sealFirst: flags.seal === 'true',
    store: flags.store,
    brokers: flags['kafka-brokers'] ?? process.env.KAFKA_BROKERS,
  };
}

type Args = ReturnType<typeof parseArgs>;

const kafkaOf = (args: Args) => {
  if (!args.brokers) throw new Error('reading a topic needs --kafka-brokers or KAFKA_BROKERS');
  return new Kafka({ clientId: 'tpm-event-store-cli', brokers: args.brokers.split(','), logLevel: logLevel.NOTHING });
};

/** What the commands need of either store. */
type IntegrityStore = PostgresEventStore | EsdbEventStore;
const storeName = (args: Args, store: IntegrityStore) => (store instanceof EsdbEventStore ? store.sealStream : args.schema);

async function exportAnchors(args: Args, store: IntegrityStore): Promise<number> {
  let seals: SealRecord[];
  let source: Parameters<typeof buildAnchorFile>[1]['source'];
  if (args.fromTopic) {
    seals = await readAnchorsFromTopic(kafkaOf(args), args.fromTopic, { store: args.store });
    source = { kind: 'topic', topic: args.fromTopic };
  } else {
    if (args.sealFirst) await store.seal();
    seals = await store.listSeals();
    source = { kind: 'database', schema: storeName(args, store) };
  }
  const file = buildAnchorFile(seals, { store: args.store ?? storeName(args, store), source }, store.integrityHasher());
  writeFileSync(args.out!, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  const last = seals.at(-1);
  const summary = { out: args.out, seals: seals.length, lastSeal: last?.sealNo ?? null, totalEvents: last?.totalEvents ?? 0, signed: !!file.mac };
  process.stdout.write(JSON.stringify(summary) + '\n');
  log.info(summary, 'anchors exported: keep the file where the database administrators cannot write');
  return 0;
}

async function verify(args: Args, store: IntegrityStore): Promise<number> {
  let anchors: SealRecord[] | undefined;
  const fileProblems: IntegrityProblem[] = [];
  if (args.anchorsFile) {
    const file = parseAnchorFile(readFileSync(args.anchorsFile, 'utf8'));
    fileProblems.push(...checkAnchorFile(file, store.integrityHasher()));
    anchors = file.seals;
  } else if (args.anchorsTopic) {
    anchors = await readAnchorsFromTopic(kafkaOf(args), args.anchorsTopic, { store: args.store });
  }
  log.info({ store: storeName(args, store), anchors: anchors?.length ?? null }, 'verifying every stream chain, stream head and seal');
  const bar = new SingleBar({ stream: process.stderr, format: 'verify [{bar}] {percentage}% | {value}/{total} events | ETA {eta}s' }, Presets.shades_classic);
  let started = false;
  const checked = await store.verify({
    anchors,
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
  const problems = [...fileProblems, ...checked.problems];
  const report = { ...checked, ok: problems.length === 0, problems };
  process.stdout.write(JSON.stringify(report) + '\n');
  const summary = {
    problems: problems.length,
    eventsChecked: report.eventsChecked,
    sealsChecked: report.sealsChecked,
    anchorsChecked: report.anchorsChecked,
    unsealedEvents: report.unsealedEvents,
    ...(report.uncheckable ? { uncheckable: report.uncheckable } : {}),
  };
  if (report.ok) log.info(summary, anchors ? 'history intact and matches its anchors' : 'history intact (no anchors given: a deleted newest seal would not show)');
  else log.error(summary, 'integrity problems found');
  return report.ok ? 0 : 1;
}

async function main(): Promise<number> {
  let args: Args;
  let keys: ReturnType<typeof loadHmacKeys>;
  let backend: EventStoreBackendChoice;
  try {
    backend = eventStoreBackendOf(process.env);
    args = parseArgs(process.argv.slice(2), backend);
    keys = loadHmacKeys(process.env);
  } catch (e) {
    log.error((e as Error).message);
    process.stderr.write(usage + '\n');
    return 2;
  }
  const store: IntegrityStore =
    backend.backend === 'esdb'
      ? new EsdbEventStore({ connectionString: backend.connectionString, hmacKeys: keys })
      : new PostgresEventStore({ connectionString: args.databaseUrl!, schema: args.schema, hmacKeys: keys, poolSize: 2, logger: log });
  try {
    if (args.command === 'seal') {
      log.info({ store: storeName(args, store) }, 'sealing the log up to the safe horizon');
      const seal = await store.seal();
      process.stdout.write(JSON.stringify({ sealed: seal !== null, seal }) + '\n');
      log.info({ seal }, seal ? 'sealed' : 'nothing new to seal');
      return 0;
    }
    if (args.command === 'export-anchors') return await exportAnchors(args, store);
    return await verify(args, store);
  } catch (e) {
    log.error({ err: (e as Error).message }, 'command failed');
    return 2;
  } finally {
    await store.close();
  }
}

main().then((code) => process.exit(code));
