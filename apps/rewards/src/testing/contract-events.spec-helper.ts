import { randomUUID } from 'node:crypto';
import type { AppraisalFinalized, EmployeeOffboarded, EmployeeOnboarded, Envelope, ImprovementPlanClosed, PersonErased, TrainingCompleted } from '@tpm/contracts';
import { topicOf } from '@tpm/contracts';
import { toKafkaMessage } from '@tpm/messaging';
import { testKafka } from '@tpm/testing';
import type { Producer } from 'kafkajs';

/** Published contract events, as the producing contexts put them on the broker. */
export const envelope = <T extends string, D>(type: T, data: D, o: { correlationId?: string; eventId?: string; version?: number } = {}): Envelope<T, D> => ({
  eventId: o.eventId ?? randomUUID(),
  type,
  schemaVersion: o.version ?? 1,
  context: type.split('.')[0] as Envelope['context'],
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

export const unit = (businessUnitId: string, parentId: string | null) => envelope('performance.BusinessUnitRegistered', { businessUnitId, name: businessUnitId, parentId, at: new Date().toISOString() });

export const onboarded = (employeeId: string, businessUnitId: string) =>
  envelope<EmployeeOnboarded['type'], EmployeeOnboarded['data']>('performance.EmployeeOnboarded', {
    employeeId, employeeNumber: `N-${employeeId}`, businessUnitId, position: 'Analyst', managerId: null, level: 'staff', at: new Date().toISOString(),
  });

export const offboarded = (employeeId: string, businessUnitId: string) =>
  envelope<EmployeeOffboarded['type'], EmployeeOffboarded['data']>('performance.EmployeeOffboarded', { employeeId, businessUnitId, at: new Date().toISOString() });

export const appraisalFinalized = (d: Partial<AppraisalFinalized['data']> & Pick<AppraisalFinalized['data'], 'employeeId' | 'businessUnitId'>, o: { correlationId?: string; eventId?: string } = {}) =>
  envelope<AppraisalFinalized['type'], AppraisalFinalized['data']>(
    'performance.AppraisalFinalized',
    {
      appraisalId: randomUUID(), cycleId: 'C-2027', managerId: null, period: '2027', score: 80, ratingBand: 'exceeds', ratingBandRank: 3, competencyGaps: [],
      indicators: [{ objectiveId: 'o1', indicatorId: 'i1', score: 80 }], finalizedAt: '2028-01-15T10:00:00.000Z', potential: 'medium', ...d,
    },
    { ...o, version: 2 },
  );

export const trainingCompleted = (employeeId: string, businessUnitId: string, sessionId: string) =>
  envelope<TrainingCompleted['type'], TrainingCompleted['data']>('training.TrainingCompleted', {
    employeeId, programId: 'P-1', programVersion: 1, sessionId, businessUnitId, competencies: ['Negotiation'], examScore: null, attendanceShare: 1, completedAt: '2028-02-01T16:00:00.000Z',
  });

export const planClosed = (employeeId: string, businessUnitId: string, outcome: ImprovementPlanClosed['data']['outcome']) =>
  envelope<ImprovementPlanClosed['type'], ImprovementPlanClosed['data']>('coaching.ImprovementPlanClosed', {
    planId: randomUUID(), employeeId, businessUnitId, appraisalId: null, outcome, extensions: 0, closedAt: '2028-02-10T00:00:00.000Z',
  });

export const personErased = (employeeId: string) => envelope<PersonErased['type'], PersonErased['data']>('performance.PersonErased', { employeeId, erasedAt: new Date().toISOString() });

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
