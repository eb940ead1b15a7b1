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

/** The runner's bookkeeping tables, in order: every read-model DataSource lists these first. */
export const PROJECTION_STORE_MIGRATIONS = [ProjectionStore1760000000000, ProjectionPositions1760000000001];
