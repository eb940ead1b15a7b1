// TEST_INFRA=containers: PostgreSQL, Kafka and KurrentDB in Docker (testcontainers) for one Jest
// run, instead of the embedded servers of scripts/infra.mjs. KurrentDB sets ESDB_CONNECTION_STRING,
// so the EventStoreDB contract suite runs too. Images can be changed with TEST_POSTGRES_IMAGE,
// TEST_KAFKA_IMAGE and TEST_KURRENTDB_IMAGE (defaults: the versions of docker-compose.yml where
// the testcontainers modules take them).
//
// testcontainers stays on 11.x (ADR 0001: 12.x requires Node >= 22.22, we run on 20 too), with
// @testcontainers/postgresql and @testcontainers/kafka of the same version. @testcontainers/kurrentdb
// exists only as 12.x, so KurrentDB is a GenericContainer set up as that module sets it up (port
// 2113, single node, insecure, healthy when its health check passes).

const IMAGES = {
  postgres: process.env.TEST_POSTGRES_IMAGE || 'postgres:18',
  // @testcontainers/kafka drives Confluent's image (KRaft from 7.0); compose runs apache/kafka.
  kafka: process.env.TEST_KAFKA_IMAGE || 'confluentinc/cp-kafka:7.9.0',
  kurrentdb: process.env.TEST_KURRENTDB_IMAGE || 'kurrentplatform/kurrentdb:26.1.1',
};

const KAFKA_PORT = 9093;
const KURRENTDB_PORT = 2113;

/** Why containers cannot run here (one line), or null when a container engine answers. */
async function containerRuntimeUnavailable() {
  let testcontainers;
  try {
    testcontainers = require('testcontainers');
  } catch (e) {
    return `the testcontainers package cannot be loaded (${e.code ?? e.message})`;
  }
  try {
    await testcontainers.getContainerRuntimeClient();
    return null;
  } catch (e) {
    return String(e.message ?? e).split('\n')[0];
  }
}

/** Starts the three servers at once; resolves to the variables the tests read and a stop(). */
async function startTestContainers() {
  const { PostgreSqlContainer } = require('@testcontainers/postgresql');
  const { KafkaContainer } = require('@testcontainers/kafka');
  const { GenericContainer, Wait } = require('testcontainers');
  const started = await Promise.allSettled([
    new PostgreSqlContainer(IMAGES.postgres)
      .withUsername('postgres')
      .withPassword('postgres')
      .withDatabase('postgres')
      // As the embedded server: a transaction left open holds back every no-skip reader (ADR 0006).
      .withCommand(['postgres', '-c', 'max_connections=300', '-c', 'idle_in_transaction_session_timeout=300000'])
      .start(),
    new KafkaContainer(IMAGES.kafka).withKraft().start(),
    new GenericContainer(IMAGES.kurrentdb)
      .withExposedPorts(KURRENTDB_PORT)
      .withEnvironment({ KURRENTDB_CLUSTER_SIZE: '1', KURRENTDB_RUN_PROJECTIONS: 'All', KURRENTDB_START_STANDARD_PROJECTIONS: 'true', KURRENTDB_INSECURE: 'true' })
      .withStartupTimeout(120_000)
      .withWaitStrategy(Wait.forHealthCheck())
      .start(),
  ]);
  const containers = started.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  const stop = () => Promise.allSettled(containers.map((c) => c.stop())).then(() => undefined);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const [pg, kafka, kurrent] = containers;
  return {
    env: {
      DATABASE_URL: pg.getConnectionUri(),
      // The plaintext listener @testcontainers/kafka publishes for clients outside Docker.
      KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(KAFKA_PORT)}`,
      // @eventstore/db-client, which the adapter uses, reads esdb:// (KurrentDB serves it as well).
      ESDB_CONNECTION_STRING: `esdb://${kurrent.getHost()}:${kurrent.getMappedPort(KURRENTDB_PORT)}?tls=false`,
    },
    stop,
  };
}

module.exports = { IMAGES, containerRuntimeUnavailable, startTestContainers };
