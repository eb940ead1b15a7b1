import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { createLogger } from '@tpm/logging';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DomainError } from '@tpm/kernel';
import type { ApiError } from './api-error';
import { isDependencyUnavailable, RETRY_AFTER_SECONDS } from '@tpm/kernel';

const STATUS_BY_KIND = { rule: 422, 'not-found': 404, conflict: 409, invalid: 400, precondition: 412 } as const;

/**
 * The only place that turns errors into HTTP: domain kinds → 4xx, a dependency that is down
 * (database, broker) → 503 with Retry-After, anything unknown → a bare 500.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = createLogger('http-errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request & { correlationId?: string }>();
    const body = this.toBody(exception);
    // Errors raised before the correlation middleware ran (body parsing) still get an id.
    body.correlationId = req.correlationId ?? randomUUID();
    if (body.statusCode === 503) {
      // Unavailable is an answer, not a bug: the caller may retry. /health logs its own transitions.
      if (!res.getHeader('Retry-After')) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      if (!req.url.startsWith('/health')) this.logger.warn({ path: req.url, correlationId: body.correlationId, err: (exception as Error)?.message }, 'dependency unavailable');
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception, path: req.url, correlationId: body.correlationId }, 'unhandled error');
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): ApiError {
    if (e instanceof DomainError) {
      return { statusCode: STATUS_BY_KIND[e.kind], code: e.code, message: e.message, details: e.details };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const response = e.getResponse();
      if (typeof response === 'object' && response && 'code' in response) {
        return { statusCode: status, ...(response as Omit<ApiError, 'statusCode'>) };
      }
      if (status === 400 && isJsonSyntaxError(e)) {
        return { statusCode: 400, code: 'MALFORMED_JSON', message: `Request body is not valid JSON (${e.message})` };
      }
      const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? e.message);
      return { statusCode: status, code: codeForStatus(status), message: Array.isArray(message) ? message.join('; ') : String(message) };
    }
    // Errors raised by body-parser before our code runs carry a status and a type.
    const parserError = e as { status?: number; type?: string; message?: string };
    if (parserError && typeof parserError.status === 'number' && parserError.status < 500) {
      if (parserError.type === 'entity.too.large') {
        return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is larger than the limit' };
      }
      if (parserError.type === 'entity.parse.failed') {
        return { statusCode: 400, code: 'MALFORMED_JSON', message: 'Request body is not valid JSON' };
      }
      return { statusCode: parserError.status, code: codeForStatus(parserError.status), message: parserError.message ?? 'Bad request' };
    }
    if (isDependencyUnavailable(e)) {
      return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: `A dependency of this service is unavailable; nothing was written. Retry in ${RETRY_AFTER_SECONDS} s` };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal error' };
  }
}

const isJsonSyntaxError = (e: HttpException): boolean => {
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof SyntaxError || (cause as { type?: string } | undefined)?.type === 'entity.parse.failed' || /JSON/.test(e.message);
};

const codeForStatus = (status: number): string =>
  ({
    [HttpStatus.BAD_REQUEST]: 'BAD_REQUEST',
    [HttpStatus.UNAUTHORIZED]: 'UNAUTHORIZED',
    [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
    [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
    [HttpStatus.CONFLICT]: 'CONFLICT',
    [HttpStatus.PRECONDITION_FAILED]: 'PRECONDITION_FAILED',
    [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
    [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
    [HttpStatus.UNPROCESSABLE_ENTITY]: 'RULE_VIOLATED',
    [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
  })[status] ?? `HTTP_${status}`;
