import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signDevToken } from '@tpm/auth';
import { createTestDatabase, eventually, uniqueName, type TestDatabase } from '@tpm/testing';
import { bootService, type RunningService } from './boot-service';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}
interface OtlpRequest {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

/**
 * The performance service as `npm start` runs it, configured only by environment to export OTLP
 * over HTTP to a collector: here a stand-in on 127.0.0.1 that keeps every `POST /v1/traces`. A
 * command sent with a traceparent reaches the collector as spans of that trace, under the
 * configured service name.
 */
describe('tracing: OTLP export configured by environment (performance service, real PostgreSQL and Kafka)', () => {
  let db: TestDatabase;
  let service: RunningService;
  let collector: http.Server;
  const received: OtlpRequest[] = [];

  beforeAll(async () => {
    collector = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces') received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    db = await createTestDatabase('trace_otlp');
    service = await bootService('performance', {
      PERFORMANCE_DATABASE_URL: db.url,
      KAFKA_TOPIC_PREFIX: `${uniqueName('trace-otlp')}.`,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_SERVICE_NAME: 'performance-otlp-e2e',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
    await new Promise((resolve) => collector?.close(resolve));
  });

  it('sends the spans of a command, in the caller\'s trace, to OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces', async () => {
    const traceId = randomBytes(16).toString('hex');
    const bearer = `Bearer ${await signDevToken({ sub: 'otlp-admin', roles: ['admin'], bu: ['*'] })}`;
    const res = await fetch(`${service.url}/org/business-units`, {
      method: 'POST',
      headers: { authorization: bearer, 'content-type': 'application/json', traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: JSON.stringify({ businessUnitId: 'BU-OTLP', name: 'Exported', parentId: null }),
    });
    expect(res.status).toBe(201);
    const names = () =>
      received
        .flatMap((r) => r.resourceSpans)
        .filter((rs) => rs.resource.attributes.some((a) => a.key === 'service.name' && a.value.stringValue === 'performance-otlp-e2e'))
        .flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans))
        .filter((s) => s.traceId === traceId)
        .map((s) => s.name);
    await eventually(
      async () => {
        const got = names();
        for (const wanted of ['POST /org/business-units', 'event-store append', 'projection apply performance-read']) expect(got).toContain(wanted);
        expect(got.some((n) => n.startsWith('process ') && n.endsWith('performance.events'))).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  });
});
