import { randomUUID } from 'node:crypto';
import type { AppraisalFinalized, ContextName, Envelope, TrainingCompleted } from '@tpm/contracts';
import { topicOf } from '@tpm/contracts';
import { toKafkaMessage } from '@tpm/messaging';
import { testKafka } from '@tpm/testing';
import type { Consumer, Producer } from 'kafkajs';

/** Published contract events, as the producing contexts put them on the broker. */
export const envelope = <D>(context: ContextName, type: string, data: D, o: { correlationId?: string; eventId?: string; schemaVersion?: number } = {}): Envelope<string, D> => ({
  eventId: o.eventId ?? randomUUID(),
  type,
  schemaVersion: o.schemaVersion ?? 1,
  context,
  streamId: `${type}-${randomUUID()}`,
  streamVersion: 1,
  position: 1,
  occurredAt: new Date().toISOString(),
  recordedAt: new Date().toISOString(),
  actor: { subject: 'hr-1', roles: ['hr'] },
  businessUnitId: (data as { businessUnitId?: string }).businessUnitId ?? null,
  correlationId: o.correlationId ?? randomUUID(),
  causationId: null,
  traceparent: null,
  data,
});

export const unit = (businessUnitId: string, parentId: string | null) => envelope('performance', 'performance.BusinessUnitRegistered', { businessUnitId, name: businessUnitId, parentId, at: new Date().toISOString() });
export const onboarded = (employeeId: string, businessUnitId: string, managerId: string | null = null) =>
  envelope('performance', 'performance.EmployeeOnboarded', { employeeId, employeeNumber: employeeId.toUpperCase(), name: employeeId, businessUnitId, position: 'Analyst', managerId, level: 'staff', at: new Date().toISOString() });
export const transferred = (employeeId: string, fromBusinessUnitId: string, toBusinessUnitId: string) =>
  envelope('performance', 'performance.EmployeeTransferred', { employeeId, fromBusinessUnitId, toBusinessUnitId, position: null, at: new Date().toISOString() });
export const offboarded = (employeeId: string, businessUnitId: string) => envelope('performance', 'performance.EmployeeOffboarded', { employeeId, businessUnitId, reason: 'resigned', at: new Date().toISOString() });

export const appraisalFinalized = (d: Partial<AppraisalFinalized['data']> & Pick<AppraisalFinalized['data'], 'employeeId' | 'businessUnitId'>, o: { correlationId?: string; eventId?: string } = {}) =>
  envelope<AppraisalFinalized['data']>(
    'performance',
    'performance.AppraisalFinalized',
    {
      appraisalId: randomUUID(),
      cycleId: 'cycle-2027',
      managerId: null,
      period: '2027',
      score: 42,
      ratingBand: 'below',
      ratingBandRank: 1,
      competencyGaps: [],
      indicators: [],
      finalizedAt: new Date().toISOString(),
      potential: null,
      ...d,
    },
    { ...o, schemaVersion: 2 },
  );

export const trainingCompleted = (d: Pick<TrainingCompleted['data'], 'employeeId' | 'businessUnitId' | 'competencies'> & Partial<TrainingCompleted['data']>) =>
  envelope<TrainingCompleted['data']>('training', 'training.TrainingCompleted', {
    programId: 'P-NEG',
    programVersion: 1,
    sessionId: randomUUID(),
    examScore: null,
    attendanceShare: 1,
    completedAt: new Date().toISOString(),
    ...d,
  });

export class ContractPublisher {
  private producer: Producer | null = null;
  async publish(...events: Envelope[]): Promise<void> {
    if (!this.producer) {
      this.producer = testKafka().producer({ allowAutoTopicCreation: true });
      await this.producer.connect();
    }
    for (const e of events) await this.producer.send({ topic: topicOf(e.context), acks: -1, messages: [toKafkaMessage(e)] });
  }
  async close(): Promise<void> {
    await this.producer?.disconnect();
  }
}

/** Everything published on a topic since the watch started reading from its beginning. */
export const watchTopic = async (topic: string, groupId: string): Promise<{ seen: Envelope[]; stop: () => Promise<void> }> => {
  const consumer: Consumer = testKafka().consumer({ groupId });
  const seen: Envelope[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(String(message.value))) });
  return { seen, stop: () => consumer.disconnect() };
};
