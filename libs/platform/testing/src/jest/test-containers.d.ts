/** Types of test-containers.js (plain CommonJS, loaded by the Jest global setup). */
export declare const IMAGES: { postgres: string; kafka: string; kurrentdb: string };
export declare function containerRuntimeUnavailable(): Promise<string | null>;
export declare function startTestContainers(): Promise<{
  env: { DATABASE_URL: string; KAFKA_BROKERS: string; ESDB_CONNECTION_STRING: string };
  stop(): Promise<void>;
}>;
