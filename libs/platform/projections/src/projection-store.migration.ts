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
