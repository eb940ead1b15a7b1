import { silentLogger } from '@tpm/logging';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { Pool } from 'pg';
import { topicOf } from '@tpm/contracts';
import { PostgresEventStore } from '@tpm/event-store';
import { systemClock } from '@tpm/kernel';
import { ensureTopics, InboxConsumer, toKafkaMessage } from '@tpm/messaging';
import { competencyStream, RecordTrainingEvidenceReaction } from '@tpm/performance-application';
import { createTestDatabase, eventually, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import { trainingCompleted } from './training-completed.spec-helper';
import { TrainingEvidenceReactions } from './training-evidence.reactions';


describe('TrainingCompleted -> competency evidence (real Kafka topic training.events, real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let producer: Producer;
  let consumer: InboxConsumer;
  const consumerName = uniqueName('performance-reactions');

  beforeAll(async () => {
    db = await createTestDatabase('perf_reaction');
    pool = new Pool({ connectionString: db.url });
    store = new PostgresEventStore({ pool });
    await store.ensureSchema();
    await ensureTopics(testKafka(), [topicOf('training')]);
    producer = testKafka().producer();
    await producer.connect();
    const reactions = new TrainingEvidenceReactions(new RecordTrainingEvidenceReaction(store, systemClock));
    // A group of its own: the topic is shared with every other run, the reaction must not be.
    consumer = new InboxConsumer({
      name: consumerName,
      kafka: testKafka(),
      pool,
      topics: [topicOf('training')],
      handlers: { 'training.TrainingCompleted': (e, ctx) => reactions.trainingCompleted(e, ctx) },
      logger: silentLogger,
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer?.disconnect();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('records the completed training as evidence on the employee competency stream, in the cause correlation chain', async () => {
    const employeeId = randomUUID();
    const event = trainingCompleted(employeeId);
    await producer.send({ topic: topicOf('training'), messages: [toKafkaMessage(event)] });
    const [evidence] = await eventually(async () => {
      const events = await store.readStream(competencyStream(employeeId));
      expect(events).toHaveLength(1);
      return events;
    });
    expect(evidence).toMatchObject({
      type: 'CompetencyEvidenceRecorded',
      data: { employeeId, competencies: ['negotiation', 'closing'], programId: 'P-NEGOTIATION', programVersion: 2, sessionId: 'S-2027-05', examScore: 86 },
      metadata: { correlationId: event.correlationId, causationId: event.eventId, businessUnitId: 'BU-SALES' },
    });
    expect(evidence.metadata.actor.subject).toMatch(/^system:/);
  });

  it('changes nothing when the same event is delivered again, or the same completion is republished', async () => {
    const employeeId = randomUUID();
    const event = trainingCompleted(employeeId);
    await producer.send({ topic: topicOf('training'), messages: [toKafkaMessage(event)] });
    await eventually(async () => expect(await store.readStream(competencyStream(employeeId))).toHaveLength(1));
    const duplicatesBefore = consumer.status().duplicates;

    // Redelivery: the very same message again, then the same completion under a new event id.
    const republished = trainingCompleted(employeeId);
    await producer.send({ topic: topicOf('training'), messages: [toKafkaMessage(event), toKafkaMessage(republished)] });
    await eventually(async () => expect(consumer.status().duplicates).toBeGreaterThan(duplicatesBefore));
    // The republished completion is handled (its own inbox row) and says nothing new.
    await eventually(async () => {
      const { rowCount } = await pool.query('SELECT 1 FROM messaging.inbox WHERE consumer = $1 AND event_id = $2', [consumerName, republished.eventId]);
      expect(rowCount).toBe(1);
    });
    expect(await store.readStream(competencyStream(employeeId))).toHaveLength(1);
  });
});
