import { Injectable, RequestMethod, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { OpenAPIObject } from '@nestjs/swagger';
import { entityTag, PreconditionFailed, type IfMatch } from '@tpm/event-store';
import type { Request, Response } from 'express';
import { tap, type Observable } from 'rxjs';
import { invalidInput } from './validation.pipe';

/**
 * Optimistic concurrency over HTTP, declared once per aggregate read:
 *
 *   @Get(':planId') @AggregateETag((p) => planStream(p.planId))
 *
 * - that GET answers `ETag: "<stream hash>:<version>"` (the version its body reports, `streamVersion`
 *   or `version`); it validates writes, not caches (no 304 on it: see the interceptor);
 * - every write route under that path (`POST training/plans/:planId/submit`) is about the same
 *   stream: its `If-Match` is bound to it by `@Ctx()` and checked by `execute` (412 when stale),
 *   and its answer carries the new ETag when it reports that stream's version;
 * - a write route elsewhere may declare its stream with the same decorator.
 * Without `If-Match` nothing changes. An `If-Match` on a write route with no stream is a 412: its
 * condition cannot hold (RFC 9110 §13.1.1). The OpenAPI document is described from the same table.
 */
export type StreamOf = (params: Record<string, string>) => string;

export interface AggregateETagOptions {
  /**
   * Where the body reports the stream's version; default `streamVersion`, else `version` (a body
   * with both, like a plan whose content has its own `version`, means the stream's by `streamVersion`).
   */
  version?: (body: Record<string, unknown>) => unknown;
}

interface Declaration {
  controller: object;
  handler: object;
  stream: StreamOf;
  options: AggregateETagOptions;
}

export const AGGREGATE_ETAG_KEY = 'tpm:aggregate-etag';
const declarations: Declaration[] = [];

export const AggregateETag =
  (stream: StreamOf, options: AggregateETagOptions = {}): MethodDecorator =>
  (target, key, descriptor) => {
    SetMetadata(AGGREGATE_ETAG_KEY, { stream, options })(target, key, descriptor);
    declarations.push({ controller: target.constructor, handler: descriptor.value as object, stream, options });
    return descriptor;
  };

/** `/a/:b/c`, whatever slashes the decorators used. */
const normalize = (...parts: string[]): string => `/${parts.join('/').split('/').filter(Boolean).join('/')}`;
const asList = (p: unknown): string[] => (Array.isArray(p) ? p.map(String) : [typeof p === 'string' ? p : '/']);
const pathsOf = (controller: object, handler: object): string[] =>
  asList(Reflect.getMetadata(PATH_METADATA, controller)).flatMap((base) => asList(Reflect.getMetadata(PATH_METADATA, handler)).map((own) => normalize(base, own)));
const methodOf = (handler: object): string => RequestMethod[(Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined) ?? RequestMethod.GET];

export interface Resource {
  stream: StreamOf;
  options: AggregateETagOptions;
  /** The declared GET itself (its body reports the version), not a write bound to it. */
  read: boolean;
}

const declaredGets = () => declarations.filter((d) => methodOf(d.handler) === 'GET').flatMap((d) => pathsOf(d.controller, d.handler).map((path) => ({ path, d })));

/** The stream a route is about: its own declaration, or for a write the longest declared GET path it sits under. */
export const resourceFor = (method: string, path: string, own?: Declaration): Resource | null => {
  const m = method.toUpperCase();
  const explicit = own ?? declarations.find((d) => methodOf(d.handler) === m && pathsOf(d.controller, d.handler).includes(path));
  if (explicit) return { stream: explicit.stream, options: explicit.options, read: m === 'GET' };
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return null;
  const under = declaredGets()
    .filter(({ path: p }) => path === p || path.startsWith(`${p}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return under ? { stream: under.d.stream, options: under.d.options, read: false } : null;
};

const resolved = new WeakMap<object, Resource | null>();
/** Per route handler, resolved once (decorators have all run by the first request). */
const resourceOfRoute = (context: ExecutionContext): Resource | null => {
  const handler = context.getHandler();
  if (!resolved.has(handler)) {
    const controller = context.getClass();
    const own = declarations.find((d) => d.handler === handler);
    const [path] = pathsOf(controller, handler);
    resolved.set(handler, resourceFor(methodOf(handler), path, own));
  }
  return resolved.get(handler) ?? null;
};

/** `*`, or the list of entity tags, as sent (weak ones kept as `W/"…"`, so they never match). */
export const parseIfMatch = (header: string): '*' | string[] => {
  const value = header.trim();
  if (value === '*') return '*';
  const tags: string[] = [];
  const tag = /\s*((?:W\/)?"[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)/y;
  while (tag.lastIndex < value.length) {
    const at = tag.lastIndex;
    const m = tag.exec(value);
    if (!m || tag.lastIndex === at) throw invalidInput([{ field: 'If-Match', errors: ['If-Match must be * or a list of entity tags ("…")'] }]);
    tags.push(m[1]);
  }
  if (!tags.length) throw invalidInput([{ field: 'If-Match', errors: ['If-Match must be * or a list of entity tags ("…")'] }]);
  return tags;
};

/** The request's `If-Match` bound to its route's stream, for the command context; undefined without the header. */
export const ifMatchOf = (context: ExecutionContext): IfMatch | undefined => {
  const req = context.switchToHttp().getRequest<Request>();
  const header = req.header('if-match');
  if (header === undefined) return undefined;
  const tags = parseIfMatch(header);
  const resource = resourceOfRoute(context);
  if (!resource) throw new PreconditionFailed('This route has no entity tag, so an If-Match on it cannot hold');
  return { streamId: resource.stream(req.params as Record<string, string>), tags };
};

const versionIn = (body: Record<string, unknown>, resource: Resource, streamId: string): unknown => {
  if (resource.read) return resource.options.version ? resource.options.version(body) : (body.streamVersion ?? body.version);
  // A write answers a CommandResult: its version is the stream's only when it names that stream.
  return body.streamId === streamId ? body.version : undefined;
};

/** Sets the ETag of a declared read, and of a write's answer when it reports its stream's new version. */
@Injectable()
export class EntityTagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const resource = resourceOfRoute(context);
    if (!resource) return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    // The tag validates writes, not cached bytes: a read may fold more than its stream (an appraisal
    // shows its feedback), differ per caller (named 360 for HR) or by ?asOf, so no 304 is answered on it.
    if (resource.read) delete req.headers['if-none-match'];
    return next.handle().pipe(
      tap((body: unknown) => {
        if (res.headersSent || body === null || typeof body !== 'object') return;
        const streamId = resource.stream(req.params as Record<string, string>);
        const version = versionIn(body as Record<string, unknown>, resource, streamId);
        if (typeof version === 'number' && Number.isInteger(version) && version > 0) res.setHeader('ETag', entityTag(streamId, version));
      }),
    );
  }
}

const IF_MATCH_PARAMETER = {
  name: 'If-Match',
  in: 'header' as const,
  required: false,
  schema: { type: 'string' as const },
  description: 'The ETag of the record as you read it (or * for "it exists"): the write happens only if it still holds, else 412 and nothing is written. Omit it to write regardless.',
};

/** Adds the ETag response header and the If-Match parameter (with its 412) to the routes the table describes. */
export const describeEntityTags = (document: OpenAPIObject): OpenAPIObject => {
  for (const [docPath, item] of Object.entries(document.paths ?? {})) {
    const path = normalize(docPath.replace(/\{([^}]+)\}/g, ':$1'));
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      const resource = op ? resourceFor(method, path) : null;
      if (!op || !resource) continue;
      if (resource.read) {
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          if (!status.startsWith('2') || !response || '$ref' in response) continue;
          response.headers = { ...response.headers, ETag: { description: 'The record version: send it back as If-Match to write only over what you read', schema: { type: 'string' } } };
        }
      } else {
        op.parameters = [...(op.parameters ?? []).filter((p) => !('name' in p) || p.name !== 'If-Match'), IF_MATCH_PARAMETER];
        op.responses = {
          ...op.responses,
          '412': { description: 'PRECONDITION_FAILED: If-Match no longer holds (someone changed the record since you read it); nothing was written', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } },
        };
      }
    }
  }
  return document;
};
