import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTrail1760000000200 implements MigrationInterface {
  name = 'AuditTrail1760000000200';

  async up(q: QueryRunner): Promise<void> {
    // An identity column, not bigserial: `CREATE TABLE … (LIKE … INCLUDING ALL)` gives a rebuild's
    // shadow table its own sequence, where a serial default would share (and then drop) the live one.
    await q.query(`
      CREATE TABLE audit_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL UNIQUE,
        type text NOT NULL,
        schema_version int NOT NULL,
        context text NOT NULL,
        stream_id text NOT NULL,
        stream_version int NOT NULL,
        source_position bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        actor jsonb NOT NULL,
        actor_subject text NOT NULL,
        business_unit_id text,
        correlation_id text NOT NULL,
        causation_id text,
        data jsonb NOT NULL
      )`);
    // Each filter pages by seq, so each index ends with it.
    await q.query('CREATE INDEX audit_events_stream_idx ON audit_events (stream_id, seq)');
    await q.query('CREATE INDEX audit_events_type_idx ON audit_events (type, seq)');
    await q.query('CREATE INDEX audit_events_business_unit_idx ON audit_events (business_unit_id, seq)');
    await q.query('CREATE INDEX audit_events_actor_idx ON audit_events (actor_subject, seq)');
    await q.query('CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at)');
    await q.query('CREATE INDEX audit_events_correlation_idx ON audit_events (correlation_id, occurred_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_events');
  }
}
