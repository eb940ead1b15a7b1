import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { createLogger } from '@tpm/logging';
import type { ServiceConfig } from './config/service-config';
import { EntityTagInterceptor } from './http/entity-tag';
import { HttpErrorFilter } from './http/http-error.filter';
import { safeJsonBodyMiddleware, safeUrlMiddleware } from './http/safe-input';
import { strictValidationPipe } from './http/validation.pipe';
import { openApiDocument } from './openapi/openapi-document';
import { ServiceMetrics } from './metrics/metrics.module';
import { httpTracingMiddleware } from './tracing/http-tracing';
import { SERVICE_CONFIG } from './tokens';

export interface BootOptions {
  title: string;
  description: string;
  /** Listen on this port instead of the configured one (tests pass 0). */
  port?: number;
}

/** Applies the HTTP conventions every service shares; used by main.ts and by tests. */
export function configureHttp(app: NestExpressApplication, options: Pick<BootOptions, 'title' | 'description'>): void {
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  app.useLogger(app.get(Logger));
  // What Nest logged while the modules initialized, now through the service's logger.
  app.flushLogs();
  app.use(app.get(ServiceMetrics).httpMiddleware); // first: requests refused at the edge are measured too
  // Next: the server span is active before the body parser, so the rest of the request runs in it.
  app.use(httpTracingMiddleware);
  app.use(helmet());
  // Query and path parameters the database cannot store: refused on the raw URL, before routing.
  app.use(safeUrlMiddleware);
  app.useBodyParser('json', { limit: config.bodyLimit });
  // Right after the JSON parser: unstorable text, too deep, prototype keys never reach a handler.
  app.use(safeJsonBodyMiddleware);
  app.useBodyParser('text', { limit: config.csvLimit, type: ['text/csv', 'text/plain'] });
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['ETag', 'x-correlation-id'] });
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalInterceptors(new EntityTagInterceptor());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  // The same document `npm run openapi` writes to docs/openapi/ (and `npm test` lints).
  SwaggerModule.setup('docs', app, openApiDocument(app, options), { jsonDocumentUrl: 'docs/json' });
}

export async function createServiceApp(module: Type<unknown> | DynamicModule, options: BootOptions): Promise<NestExpressApplication> {
  // A failed start is reported once, by runService (one line for a dependency it could not reach),
  // not by Nest's console logger flushing the buffered start-up lines and a stack trace.
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, autoFlushLogs: false, abortOnError: false, bodyParser: false });
  configureHttp(app, options);
  return app;
}

export async function bootstrapService(module: Type<unknown> | DynamicModule, options: BootOptions): Promise<INestApplication> {
  const app = await createServiceApp(module, options);
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  await app.listen(options.port ?? config.port, '0.0.0.0');
  createLogger('http').info({ port: options.port ?? config.port }, `${config.service} listening`);
  return app;
}
