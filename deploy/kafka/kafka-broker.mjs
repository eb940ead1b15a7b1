// A real single-node Apache Kafka broker in KRaft mode, run from the official jars on Maven
// Central with the machine's Java (17+). No Docker needed. Used by scripts/infra.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../scripts/log.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const libDir = path.join(here, 'target', 'lib');

const log = createLogger('kafka-broker');

export function javaAvailable() {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return r.status === 0;
}

const mavenAvailable = () => spawnSync('mvn', ['-v'], { encoding: 'utf8' }).status === 0;

/** Downloads the pinned jars straight from Maven Central, checking each sha256 (no Maven needed). */
async function downloadPinnedJars() {
  const { jars } = JSON.parse(readFileSync(path.join(here, 'jars.lock.json'), 'utf8'));
  const repo = (process.env.MAVEN_REPOSITORY_URL ?? 'https://repo1.maven.org/maven2').replace(/\/$/, '');
  const partial = `${libDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  let done = 0;
  for (const j of jars) {
    const file = `${j.artifact}-${j.version}.jar`;
    const url = `${repo}/${j.group.replace(/\./g, '/')}/${j.artifact}/${j.version}/${file}`;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`download failed (${res.status}): ${url}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== j.sha256) throw new Error(`checksum mismatch for ${file}: expected ${j.sha256}, got ${sha256}`);
    writeFileSync(path.join(partial, file), bytes);
    done++;
    if (done % 10 === 0 || done === jars.length) log.info({ done, total: jars.length }, 'downloaded Kafka jars');
  }
  rmSync(libDir, { recursive: true, force: true });
  mkdirSync(path.dirname(libDir), { recursive: true });
  renameSync(partial, libDir);
}

/** Fetches the broker jars once (Maven if installed, else a pinned download); later starts reuse target/lib. */
export async function ensureBrokerJars() {
  if (existsSync(libDir) && readdirSync(libDir).some((f) => f.startsWith('kafka_2.13-'))) return;
  if (process.env.KAFKA_JARS_VIA !== 'download' && mavenAvailable()) {
    log.info('fetching Kafka broker jars with Maven (first run only)');
    // Maven's output goes to stderr: stdout of the infra process is reserved for its ready line.
    const r = spawnSync('mvn', ['-q', '-B', '-f', path.join(here, 'pom.xml'), 'package'], { stdio: ['ignore', process.stderr, process.stderr] });
    if (r.status === 0) return;
    log.info('Maven could not fetch the jars; downloading the pinned jars instead');
  } else {
    log.info('Maven not found: downloading the pinned Kafka jars from Maven Central (first run only)');
  }
  try {
    await downloadPinnedJars();
  } catch (e) {
    throw new Error(`Could not fetch the Kafka broker jars (${e.message}). Install Maven or allow access to Maven Central, or set KAFKA_BROKERS to an existing broker.`);
  }
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`Kafka did not open port ${port} in ${timeoutMs} ms`));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

/**
 * Starts the broker with its data under dataDir; returns { brokers, stop }.
 * The storage is formatted once; later starts keep the topics and offsets.
 */
export async function startKafkaBroker({ dataDir, port = 19092, controllerPort = port + 1 }) {
  if (!javaAvailable()) {
    throw new Error(
      'Java 17+ is needed to run the local Kafka broker (or set KAFKA_BROKERS to an existing broker). ' +
        'On Debian/Ubuntu: apt-get install openjdk-17-jre-headless maven',
    );
  }
  await ensureBrokerJars();
  const logDir = path.join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const props = path.join(dataDir, 'server.properties');
  writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${path.join(dataDir, 'kraft-logs')}`,
      // One node: the internal topics cannot be replicated more than once.
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=4',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'num.partitions=3',
      'default.replication.factor=1',
      // Topics are created by the services before they subscribe.
      'auto.create.topics.enable=false',
      'group.initial.rebalance.delay.ms=0',
      'log.retention.hours=-1',
      'log.segment.bytes=67108864',
      'num.network.threads=2',
      'num.io.threads=4',
      '',
    ].join('\n'),
  );
  const classpath = path.join(libDir, '*');
  const log4j = path.join(dataDir, 'log4j.properties');
  writeFileSync(
    log4j,
    [
      'log4j.rootLogger=WARN, file',
      'log4j.appender.file=org.apache.log4j.RollingFileAppender',
      `log4j.appender.file.File=${path.join(logDir, 'server.log')}`,
      'log4j.appender.file.MaxFileSize=10MB',
      'log4j.appender.file.MaxBackupIndex=2',
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka.server.KafkaServer=INFO',
      'log4j.logger.kafka.server.BrokerServer=INFO',
      '',
    ].join('\n'),
  );
  const jvm = ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC', `-Dlog4j.configuration=file:${log4j}`, '-cp', classpath];

  if (!existsSync(path.join(dataDir, 'kraft-logs', 'meta.properties'))) {
    log.info({ dataDir }, 'formatting KRaft storage');
    const fmt = spawnSync(
      'java',
      [...jvm, 'kafka.tools.StorageTool', 'format', '--standalone', '-t', 'tpm-local-cluster-000001', '-c', props],
      { encoding: 'utf8' },
    );
    if (fmt.status !== 0) throw new Error(`Kafka storage format failed: ${fmt.stderr || fmt.stdout}`);
  }

  const out = createWriteStream(path.join(logDir, 'stdout.log'), { flags: 'a' });
  const child = spawn('java', [...jvm, 'kafka.Kafka', props], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = false;
  const exitPromise = new Promise((resolve) => child.once('exit', (code) => {
    exited = true;
    resolve(code);
  }));
  const started = Date.now();
  await Promise.race([
    waitForPort(port, 60_000),
    exitPromise.then((code) => {
      throw new Error(`Kafka exited with code ${code} while starting; see ${logDir}/stdout.log`);
    }),
  ]);
  log.info({ port, ms: Date.now() - started }, 'Kafka broker listening');

  return {
    brokers: `127.0.0.1:${port}`,
    pid: child.pid,
    /** Resolves with the exit code when the broker process ends, for whatever reason. */
    exited: exitPromise,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitPromise;
      clearTimeout(timer);
    },
    killNow() {
      if (!exited) child.kill('SIGKILL');
    },
  };
}
