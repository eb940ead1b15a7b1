import { randomUUID } from 'node:crypto';
import type { AppraisalFinalizedV1, DifficultyReportedV1 as DifficultyReported, Envelope, EmployeeOffboarded, EmployeeOnboarded } from '@tpm/contracts';
import { topicOf } from '@tpm/contracts';
import { toKafkaMessage } from '@tpm/messaging';
import { testKafka } from '@tpm/testing';
import type { Producer } from 'kafkajs';

/** Published contract events, as the producing contexts will put them on the broker. */
export const envelope = <T extends string, D>(type: T, data: D, o: { correlationId?: string; eventId?: string; streamId?: string } = {}): Envelope<T, D> => ({
  eventId: o.eventId ?? randomUUID(),
  type,
  schemaVersion: 1,
  context: type.startsWith('coaching.') ? 'coaching' : 'performance',
  streamId: o.streamId ?? `${type}-${randomUUID()}`,
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

export const onboarded = (employeeId: string, businessUnitId: string, managerId: string | null = null) =>
  envelope<EmployeeOnboarded['type'], EmployeeOnboarded['data']>('performance.EmployeeOnboarded', {
    employeeId,
    employeeNumber: employeeId.toUpperCase(),
    businessUnitId,
    position: 'Analyst',
    managerId,
    level: 'staff',
    at: new Date().toISOString(),
  });

export const offboarded = (employeeId: string, businessUnitId: string) =>
  envelope<EmployeeOffboarded['type'], EmployeeOffboarded['data']>('performance.EmployeeOffboarded', { employeeId, businessUnitId, at: new Date().toISOString() });

export const appraisalFinalized = (
  d: Partial<AppraisalFinalizedV1['data']> & Pick<AppraisalFinalizedV1['data'], 'employeeId' | 'businessUnitId' | 'period' | 'score' | 'finalizedAt'>,
  o: { correlationId?: string; eventId?: string } = {},
) =>
  envelope<AppraisalFinalizedV1['type'], AppraisalFinalizedV1['data']>(
    'performance.AppraisalFinalized',
    { appraisalId: randomUUID(), cycleId: `cycle-${d.period}`, managerId: null, ratingBand: 'meets', ratingBandRank: 2, competencyGaps: [], indicators: [], ...d },
    o,
  );

export const difficultyReported = (d: Partial<DifficultyReported['data']> & Pick<DifficultyReported['data'], 'employeeId' | 'businessUnitId'>) =>
  envelope<DifficultyReported['type'], DifficultyReported['data']>('coaching.DifficultyReported', {
    difficultyId: randomUUID(),
    engagementId: 'eng-1',
    sessionId: null,
    kind: 'skill-gap',
    competency: 'Delegation',
    currentLevel: 1,
    requiredLevel: 3,
    description: 'struggles to hand work over',
    reportedAt: new Date().toISOString(),
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
