import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runner's own bookkeeping, in the read models' database so that a checkpoint commits in
 * the same transaction as the writes it accounts for. Add it to every projection DataSource.
 */
export class ProjectionStore1760000000000 implements MigrationInterface {
  name = 'ProjectionStore1760000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_checkpoints (
        projection text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        next_offset bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, topic, partition)
      )`);
    await q.query(`
      CREATE TABLE projection_errors (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        projection text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        message_key text,
        error text NOT NULL,
        raw_value text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (projection, topic, partition, "offset")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projection_errors');
    await q.query('DROP TABLE projection_checkpoints');
  }
}

/**
 * Checkpoints of store-fed projections and processors: a store position is an opaque token
 * (`<tx>:<position>` on PostgreSQL), which the Kafka offsets' bigint column cannot hold.
 */
export class ProjectionPositions1760000000001 implements MigrationInterface {
  name = 'ProjectionPositions1760000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_positions (
        projection text PRIMARY KEY,
        position text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projection_positions');
  }
}

/**
 * Messages a projection or processor could not apply after its retries: parked with their error
 * in the transaction that moves the checkpoint past them, replayable after a fix. Kafka messages
 * keep topic/partition/offset; a store event has topic '$store', partition 0 and its global
 * position. `raw_value` is bytea: the envelope exactly as read, whatever bytes it holds.
 * Its timestamp sorts after every service's own migrations, so databases migrated before it get it.
 */
export class ProjectionParked1760000001000 implements MigrationInterface {
  name = 'ProjectionParked1760000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_parked (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        projection text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        event_id text,
        event_type text,
        error text NOT NULL,
        raw_value bytea,
        attempts int NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz,
        UNIQUE (projection, topic, partition, "offset")
      )`);
    await q.query('CREATE INDEX projection_parked_open ON projection_parked (projection) WHERE replayed_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projection_parked');
  }
}

/** The runner's bookkeeping tables, in order: every read-model DataSource lists these first. */
export const PROJECTION_STORE_MIGRATIONS = [ProjectionStore1760000000000, ProjectionPositions1760000000001, ProjectionParked1760000001000];
