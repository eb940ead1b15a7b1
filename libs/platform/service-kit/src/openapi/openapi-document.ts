import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, ResponsesObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { describeEntityTags } from '../http/entity-tag';
import { routeTable, type RouteFacts } from './route-table';

export interface ApiDescription {
  title: string;
  description: string;
}

export const BEARER = 'bearer';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
const WRITES = new Set(['post', 'put', 'patch', 'delete']);

const words = (name: string): string[] =>
  name
    .replace(/Controller$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
const sentence = (ws: string[]): string => ws.join(' ').replace(/^./, (c) => c.toUpperCase());
const camel = (ws: string[]): string => ws.map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w)).join('');

/** Handlers named for the one thing their use-case controller does: the controller names it. */
const GENERIC = new Set(['create', 'post', 'handle', 'execute', 'run']);
const VERBS: Record<string, string> = { get: 'read', list: 'list', check: 'check', search: 'search' };
/** Words in controller names that say nothing to a reader of the API. */
const NOISE = new Set(['commands']);

type Named = Pick<RouteFacts, 'controller' | 'handler' | 'siblings'>;
const nounOf = (route: Named): string[] => words(route.controller).filter((w) => !NOISE.has(w));
/** A use-case controller (one route), or a handler its controller already names, or a generic one. */
const namedByController = (route: Named): boolean => {
  const noun = nounOf(route);
  const verb = words(route.handler);
  return route.siblings === 1 || GENERIC.has(route.handler) || noun.slice(0, verb.length).join(' ') === verb.join(' ');
};

/** "Register business unit", "Read employee", "Plan: submit". */
export const summaryOf = (route: Named): string => {
  const noun = nounOf(route);
  const verb = VERBS[route.handler];
  if (verb) return sentence(noun.includes(verb) ? noun : [verb, ...noun]);
  if (namedByController(route)) return sentence(noun);
  return `${sentence(noun)}: ${words(route.handler).join(' ')}`;
};

/** `registerBusinessUnit` for a use case, `employee` for its read, `planSubmit` for one route of several. */
export const operationIdOf = (route: Named): string => {
  const noun = nounOf(route);
  if (namedByController(route) || route.handler === 'get') return camel(noun);
  return camel([...noun, ...words(route.handler)]);
};

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } });

/**
 * The refusals the platform answers for every route of a kind (the HTTP filter, the guards, the
 * validation pipe and the safe-input middleware), unless the route describes its own.
 */
const defaultRefusals = (method: string, route: RouteFacts | undefined, hasPathParams: boolean): ResponsesObject => {
  const secured = !route?.public;
  const write = WRITES.has(method);
  return {
    '400': error('VALIDATION_FAILED, BAD_REQUEST or MALFORMED_JSON: a parameter, the query or the body is invalid; `details` names the field. Nothing was written.'),
    ...(secured ? { '401': error('TOKEN_MISSING, TOKEN_INVALID or TOKEN_EXPIRED: no bearer token, or one the configured issuer did not sign or that has expired') } : {}),
    ...(secured ? { '403': error('ROLE_REQUIRED or OUT_OF_SCOPE: the token has none of the roles this route admits, or the record is outside its business units') } : {}),
    // A record named by the path, by a scope rule (path, query or body) or by a command's body.
    ...(hasPathParams || route?.scoped || write ? { '404': error('NOT_FOUND: a record the path or the body names does not exist (or did not at `asOf`). Nothing was written.') } : {}),
    ...(write ? { '409': error('CONFLICT: a concurrent write to the same record won the race; read again and retry. Nothing was written.') } : {}),
    ...(write ? { '422': error('RULE_VIOLATED: a business rule refused the command; `code` names the rule. Nothing was written.') } : {}),
  };
};

/**
 * Completes what `@nestjs/swagger` derives from the decorators, from the routes themselves:
 * path parameters bound through a whole `@Param()` DTO, bearer security (none on public routes),
 * operation ids and summaries from controller and handler names, the platform's refusals, and
 * `info.license` and `servers`.
 */
export const completeDocument = (document: OpenAPIObject, routes: RouteFacts[]): OpenAPIObject => {
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  const ids = new Map<string, number>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      const route = byKey.get(`${method} ${path}`);
      const params = (op.parameters ?? []) as (ParameterObject | ReferenceObject)[];
      const declared = new Set(params.filter((p): p is ParameterObject => 'in' in p && p.in === 'path').map((p) => p.name));
      const missing: ParameterObject[] = names
        .filter((n) => !declared.has(n))
        .map((name) => ({ name, in: 'path', required: true, schema: route?.pathParams[name] ?? { type: 'string' } }));
      // Path parameters first, in the order of the path: what a reader and a generated client expect.
      op.parameters = [...missing, ...params].sort((a, b) => rank(a, names) - rank(b, names));
      if (!op.parameters.length) delete op.parameters;
      if (route) {
        op.summary ??= summaryOf(route);
        op.operationId = operationIdOf(route);
      }
      if (op.operationId) {
        const seen = ids.get(op.operationId) ?? 0;
        ids.set(op.operationId, seen + 1);
        if (seen) op.operationId = `${op.operationId}${method[0].toUpperCase()}${method.slice(1)}${seen > 1 ? seen : ''}`;
      }
      op.security = route?.public ? [] : [{ [BEARER]: [] }];
      op.responses = { ...defaultRefusals(method, route, names.length > 0), ...op.responses };
      // A route that describes only its refusals still answers Nest's success status.
      if (route && !Object.keys(op.responses).some((s) => s.startsWith('2'))) op.responses[String(route.status)] = { description: defaultDescription(String(route.status)) };
      for (const [status, response] of Object.entries(op.responses)) {
        if (response && !('$ref' in response) && !response.description) response.description = defaultDescription(status);
      }
    }
  }
  fixSchemas(document);
  return document;
};

/**
 * Two shapes the generator gets wrong for OpenAPI 3.0: a nullable reference (`allOf` + `nullable`
 * without the `type` that `nullable` needs), and `ApiError.details`, typed `unknown` in TypeScript
 * (a list of invalid fields, or the facts of a refused rule) but emitted as an object.
 */
const fixSchemas = (document: OpenAPIObject): void => {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const schema = node as Record<string, unknown>;
    if (schema.nullable === true && schema.type === undefined && Array.isArray(schema.allOf) && schema.allOf.length === 1) schema.type = 'object';
    Object.values(schema).forEach(visit);
  };
  visit(document.components?.schemas);
  const details = (document.components?.schemas?.ApiError as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties?.details;
  if (details?.type === 'object') {
    delete details.type;
    details.description = 'What was wrong: for VALIDATION_FAILED the list of `{ field, errors }`; for a refused rule, its facts (an object)';
  }
};

const rank = (p: ParameterObject | ReferenceObject, names: string[]): number => ('in' in p && p.in === 'path' ? names.indexOf(p.name) : names.length + 1);
const defaultDescription = (status: string): string =>
  ({ '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No content', '400': 'Invalid input', '404': 'Not found', '409': 'Conflict', '412': 'Precondition failed', '422': 'Rule violated' })[status] ?? `HTTP ${status}`;

/** The service's OpenAPI document as `/docs` serves it and `npm run openapi` writes it. */
export const openApiDocument = (app: INestApplication, api: ApiDescription): OpenAPIObject => {
  const config = new DocumentBuilder()
    .setTitle(api.title)
    .setDescription(api.description)
    .setVersion('1')
    .setLicense('Proprietary (UNLICENSED): used under the operating enterprise\'s agreement', undefined as unknown as string)
    .addServer('/', 'This service, where it is served (its /docs)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT from the configured issuer (`npm run token` for local tries)' }, BEARER)
    .addSecurityRequirements(BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  return completeDocument(describeEntityTags(document), routeTable(app));
};

/**
 * The document of an application module without running it: Nest resolves the module graph in
 * preview mode (no provider is instantiated, so no database or broker is contacted).
 */
export const documentOfModule = async (module: Type<unknown> | DynamicModule, api: ApiDescription): Promise<OpenAPIObject> => {
  const app = await NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app, api);
  } finally {
    await app.close();
  }
};
