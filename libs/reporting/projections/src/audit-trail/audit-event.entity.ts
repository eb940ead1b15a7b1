import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every event of every context, as published. `seq` is the order this read model received them
 * (the paging cursor), not a global order of the system: there is none across services.
 */
@Entity({ name: 'audit_events' })
export class AuditEventRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq!: string;

  @Column({ name: 'event_id', type: 'text', unique: true })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'schema_version', type: 'int' })
  schemaVersion!: number;

  @Column({ type: 'text' })
  context!: string;

  @Column({ name: 'stream_id', type: 'text' })
  streamId!: string;

  @Column({ name: 'stream_version', type: 'int' })
  streamVersion!: number;

  @Column({ name: 'source_position', type: 'bigint' })
  sourcePosition!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ type: 'jsonb' })
  actor!: { subject: string; roles: string[] };

  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject!: string;

  @Column({ name: 'business_unit_id', type: 'text', nullable: true })
  businessUnitId!: string | null;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;

  @Column({ name: 'causation_id', type: 'text', nullable: true })
  causationId!: string | null;

  @Column({ type: 'jsonb' })
  data!: unknown;
}
