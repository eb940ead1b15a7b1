import type { Pool } from 'pg';

/** The relay's checkpoint and the consumers' inbox live in the service's own database. */
export async function ensureMessagingSchema(pool: Pool): Promise<void> {
  await pool.query(`
    CREATE SCHEMA IF NOT EXISTS messaging;
    CREATE TABLE IF NOT EXISTS messaging.relay_checkpoints (
      relay      text PRIMARY KEY,
      position   text NOT NULL,
      published  bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS messaging.inbox (
      consumer    text NOT NULL,
      event_id    text NOT NULL,
      event_type  text NOT NULL,
      outcome     text NOT NULL DEFAULT 'handled',
      handled_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    );
    CREATE TABLE IF NOT EXISTS messaging.dead_letters (
      consumer    text NOT NULL,
      event_id    text,
      topic       text NOT NULL,
      partition   int NOT NULL,
      "offset"    text NOT NULL,
      attempts    int NOT NULL,
      error       text NOT NULL,
      dead_at     timestamptz NOT NULL DEFAULT now()
    );
  `);
}
