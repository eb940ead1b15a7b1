import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/**
 * A connection of its own, outside the DataSource pool: a session advisory lock lives as long as
 * its connection, so ending this client (or the process dying) is what hands the lock over.
 */
export function dedicatedConnection(dataSource: DataSource): Client {
  const o = dataSource.options as PostgresConnectionOptions;
  return new Client(
    o.url
      ? { connectionString: o.url, application_name: 'projection-lock' }
      : {
          host: o.host,
          port: o.port,
          user: o.username,
          password: typeof o.password === 'string' ? o.password : undefined,
          database: o.database,
          application_name: 'projection-lock',
        },
  );
}
