import { dependencyFailureLine } from './run-service';

const env = {
  DATABASE_URL: 'postgres://app:secret@db.internal:6432/tpm',
  KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
  ESDB_CONNECTION_STRING: 'esdb://admin:changeit@esdb.internal:2113?tls=true',
};
const connectError = (code: string, address?: string, port?: number) => Object.assign(new Error(`connect ${code} ${address}:${port}`), { code, address, port });

describe('dependencyFailureLine: a start that failed on a dependency is one line naming its variable', () => {
  it('names DATABASE_URL, without its password, when the database does not answer', () => {
    const line = dependencyFailureLine('Training service', connectError('ECONNREFUSED', 'db.internal', 6432), env);
    expect(line).toBe('Training service did not start: cannot reach PostgreSQL at DATABASE_URL (postgres://app:***@db.internal:6432/tpm): connect ECONNREFUSED db.internal:6432');
    expect(line).not.toContain('secret');
  });

  it('names DATABASE_URL when PostgreSQL refuses the login or the database', () => {
    expect(dependencyFailureLine('Training service', Object.assign(new Error('password authentication failed for user "app"'), { code: '28P01' }), env)).toBe(
      'Training service did not start: PostgreSQL at DATABASE_URL (postgres://app:***@db.internal:6432/tpm) refused it: password rejected (password authentication failed for user "app")',
    );
    expect(dependencyFailureLine('Training service', Object.assign(new Error('database "tpm" does not exist'), { code: '3D000' }), env)).toContain('no such database');
  });

  it('does not blame the database for another address', () => {
    expect(dependencyFailureLine('Training service', connectError('ECONNREFUSED', '10.0.0.9', 443), env)).toBe(
      'Training service did not start: cannot reach 10.0.0.9:443: connect ECONNREFUSED 10.0.0.9:443',
    );
  });

  it('names KAFKA_BROKERS for a kafkajs error and ESDB_CONNECTION_STRING for an unreachable EventStoreDB', () => {
    const kafka = Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
    expect(dependencyFailureLine('Reporting service', kafka, env)).toBe(
      'Reporting service did not start: cannot use the Kafka brokers at KAFKA_BROKERS (kafka-1:9092,kafka-2:9092): Connection error: connect ECONNREFUSED',
    );
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established' });
    expect(dependencyFailureLine('Rewards service', grpc, env)).toBe(
      'Rewards service did not start: cannot reach EventStoreDB at ESDB_CONNECTION_STRING (esdb://admin:***@esdb.internal:2113?tls=true): No connection established',
    );
  });

  it('leaves a bug alone: its stack trace stays', () => {
    expect(dependencyFailureLine('Training service', new TypeError("Cannot read properties of undefined (reading 'x')"), env)).toBeNull();
    expect(dependencyFailureLine('Training service', 'not an error', env)).toBeNull();
  });
});
