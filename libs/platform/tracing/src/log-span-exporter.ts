import { ExportResultCode, hrTimeToMicroseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Logger } from '@tpm/logging';

/**
 * `OTEL_TRACES_EXPORTER=console`: each ended span as one line of the project's logger (JSON or
 * pretty, like every other line), instead of the SDK's ConsoleSpanExporter, which prints
 * multi-line objects through `console` beside the logger's stream.
 */
export class LogSpanExporter implements SpanExporter {
  constructor(private readonly log: Logger) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    for (const s of spans) {
      const { traceId, spanId } = s.spanContext();
      this.log.info(
        {
          traceId,
          spanId,
          parentSpanId: s.parentSpanContext?.spanId,
          kind: s.kind,
          durationMs: hrTimeToMicroseconds(s.duration) / 1000,
          status: s.status.code,
          attributes: s.attributes,
          links: s.links.map((l) => `${l.context.traceId}-${l.context.spanId}`),
        },
        `span ${s.name}`,
      );
    }
    done({ code: ExportResultCode.SUCCESS });
  }

  async shutdown(): Promise<void> {}
}
