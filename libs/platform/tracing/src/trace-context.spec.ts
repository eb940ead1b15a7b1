import { randomBytes } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import { MAX_LINKS, originsOf, traceparentOfHeaders } from './trace-context';

const tp = () => `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;

describe('where a span over several messages comes from', () => {
  it('is the one trace context they share, as its parent', () => {
    const shared = tp();
    const { parent, links } = originsOf([shared, null, shared, undefined]);
    expect(links).toEqual([]);
    const ctx = trace.getSpanContext(parent)!;
    expect(`00-${ctx.traceId}-${ctx.spanId}-01`).toBe(shared);
  });

  it('is links to each distinct context when there are several (a span has one parent), bounded in number', () => {
    const [a, b] = [tp(), tp()];
    const { parent, links } = originsOf([a, b, a, 'garbage']);
    expect(trace.getSpanContext(parent)).toBeUndefined();
    expect(links.map((l) => `00-${l.context.traceId}-${l.context.spanId}-01`)).toEqual([a, b]);
    expect(originsOf(Array.from({ length: MAX_LINKS + 10 }, tp)).links).toHaveLength(MAX_LINKS);
  });

  it('is nothing for messages without a valid traceparent', () => {
    expect(originsOf([null, 'x', '00-00000000000000000000000000000000-0000000000000000-01'])).toEqual({ parent: expect.anything(), links: [] });
  });
});

describe('a traceparent read from Kafka headers', () => {
  it('reads a Buffer header as the text it holds, and refuses an invalid one', () => {
    const value = tp();
    expect(traceparentOfHeaders({ traceparent: Buffer.from(value) })).toBe(value);
    expect(traceparentOfHeaders({ traceparent: [Buffer.from(value)] })).toBe(value);
    expect(traceparentOfHeaders({ traceparent: Buffer.from('00-zz') })).toBeNull();
    expect(traceparentOfHeaders(undefined)).toBeNull();
  });
});
