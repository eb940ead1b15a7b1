import { Writable } from 'node:stream';
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import pino from 'pino';
import { LogSpanExporter } from './log-span-exporter';

describe('the console exporter', () => {
  it('writes each ended span as one line of the logger, with its ids, parent and links', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new LogSpanExporter(pino(sink)))] });
    const tracer = provider.getTracer('test');
    const linked = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 };
    const parent = tracer.startSpan('parent');
    const child = tracer.startSpan('child', { kind: SpanKind.CONSUMER, attributes: { 'tpm.projection': 'p' }, links: [{ context: linked }] }, trace.setSpan(ROOT_CONTEXT, parent));
    child.end();
    parent.end();
    await provider.forceFlush();
    expect(lines.map((l) => l.msg)).toEqual(['span child', 'span parent']);
    expect(lines[0]).toMatchObject({
      traceId: parent.spanContext().traceId,
      spanId: child.spanContext().spanId,
      parentSpanId: parent.spanContext().spanId,
      kind: SpanKind.CONSUMER,
      attributes: { 'tpm.projection': 'p' },
      links: [`${'a'.repeat(32)}-${'b'.repeat(16)}`],
    });
    expect(typeof lines[0].durationMs).toBe('number');
    await provider.shutdown();
  });
});
