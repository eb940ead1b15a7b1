import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { InvalidField } from './validation.pipe';

/**
 * Input the database cannot store, or that only an attack would send, refused at the edge with
 * the one 400 before anything reaches a handler: NUL characters and lone UTF-16 surrogates
 * (PostgreSQL refuses `\u0000` in text and jsonb, and a lone surrogate in jsonb; in text it would
 * silently become U+FFFD), JSON nested deeper than `MAX_JSON_DEPTH`, and prototype keys.
 * CSV bodies are text and are checked cell by cell by the import itself.
 */
export const MAX_JSON_DEPTH = 32;
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Enough to name what is wrong without echoing a whole hostile body back. */
const MAX_DETAILS = 20;

export type InputProblemCode = 'INVALID_TEXT' | 'JSON_TOO_DEEP' | 'FORBIDDEN_KEY';
export interface InputProblem {
  code: InputProblemCode;
  message: string;
  details: InvalidField[];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why the database cannot store this text, or null when it can. */
export const unstorableText = (text: string): string | null => {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `contains a lone surrogate (\\u${surrogate[0].charCodeAt(0).toString(16).toUpperCase()})`;
  return null;
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** `a.b[2]`, with odd keys quoted (JSON-escaped, so a NUL in a key is named without sending one). */
const childPath = (parent: string, key: string | number): string => {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (IDENTIFIER.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
};

class TooDeep extends Error {
  constructor(readonly field: string) {
    super('too deep');
  }
}

/**
 * What is wrong with a parsed JSON body, or null. Depth counts containers: `{}` is 1, `{"a":[]}` 2.
 * The walk stops at the limit, so a hostile nesting costs no deeper recursion than that.
 */
export const inspectJson = (value: unknown, maxDepth = MAX_JSON_DEPTH): InputProblem | null => {
  const text: InvalidField[] = [];
  const keys: InvalidField[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'string') {
      const why = unstorableText(v);
      if (why && text.length < MAX_DETAILS) text.push({ field: path || '(body)', errors: [`${path || 'the body'} ${why}`] });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth > maxDepth) throw new TooDeep(path || '(body)');
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
    for (const [key, child] of entries) {
      const at = childPath(path, key);
      if (typeof key === 'string') {
        if (FORBIDDEN_KEYS.has(key) && keys.length < MAX_DETAILS) keys.push({ field: at, errors: [`${key} is not an allowed key`] });
        const why = unstorableText(key);
        if (why && text.length < MAX_DETAILS) text.push({ field: at, errors: [`the key of ${at} ${why}`] });
      }
      walk(child, at, depth + 1);
    }
  };
  try {
    walk(value, '', 1);
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    return { code: 'JSON_TOO_DEEP', message: `The JSON body is nested deeper than ${maxDepth} levels`, details: [{ field: e.field, errors: [`nesting deeper than ${maxDepth}`] }] };
  }
  if (keys.length) return { code: 'FORBIDDEN_KEY', message: `Forbidden keys in the JSON body: ${keys.map((k) => k.field).join(', ')}`, details: keys };
  if (text.length) return { code: 'INVALID_TEXT', message: `Text the database cannot store: ${text.map((t) => t.field).join(', ')}`, details: text };
  return null;
};

/** Percent-decoding that refuses what is not UTF-8 (an encoded surrogate such as `%ED%A0%80`, a stray `%FF`). */
const strictDecode = (raw: string): { text: string } | { broken: true } => {
  try {
    return { text: decodeURIComponent(raw) };
  } catch {
    return { broken: true };
  }
};

const NOT_UTF8 = 'is not valid UTF-8 text (an encoded lone surrogate or a broken byte sequence)';

/** Query parameters whose raw text (before any lenient decoding) the database cannot store. */
export const inspectQuery = (rawQuery: string): InvalidField[] => {
  const out: InvalidField[] = [];
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const [rawKey, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    const key = strictDecode(rawKey.replace(/\+/g, ' '));
    const value = strictDecode(rawValue.replace(/\+/g, ' '));
    const name = 'text' in key && !unstorableText(key.text) ? key.text : JSON.stringify(rawKey);
    const field = name;
    if (!('text' in key)) out.push({ field, errors: [`the name of query parameter ${name} ${NOT_UTF8}`] });
    else if (unstorableText(key.text)) out.push({ field, errors: [`the name of query parameter ${name} ${unstorableText(key.text)}`] });
    if (!('text' in value)) out.push({ field, errors: [`query parameter ${name} ${NOT_UTF8}`] });
    else if (unstorableText(value.text)) out.push({ field, errors: [`query parameter ${name} ${unstorableText(value.text)}`] });
    if (out.length >= MAX_DETAILS) break;
  }
  return out;
};

/** Indexes (0-based, after the leading slash) of path segments the database cannot store, with why. */
export const inspectPathSegments = (rawPath: string): { index: number; raw: string; why: string }[] =>
  rawPath
    .split('/')
    .slice(1)
    .flatMap((raw, index) => {
      const decoded = strictDecode(raw);
      const why = 'text' in decoded ? unstorableText(decoded.text) : NOT_UTF8;
      return why ? [{ index, raw, why }] : [];
    });

const refuse = (p: InputProblem) => new BadRequestException(p);

/** Express's route table: the only place that knows a path segment's parameter name before routing. */
type RouteLayer = { route?: { path?: unknown; methods?: Record<string, boolean> } };
const routeParamName = (req: Request, segments: string[], index: number): string | null => {
  const stack = (req.app as unknown as { router?: { stack?: RouteLayer[] } }).router?.stack ?? [];
  const method = req.method.toLowerCase();
  for (const layer of stack) {
    const path = layer.route?.path;
    if (typeof path !== 'string' || !(layer.route?.methods?.[method] || layer.route?.methods?._all)) continue;
    const pattern = path.split('/').slice(1);
    if (pattern.length !== segments.length) continue;
    // Literal segments must match (case-insensitively, as the router does); parameters match anything.
    const fits = pattern.every((p, i) => p.startsWith(':') || (i !== index && p.toLowerCase() === strictDecodeOr(segments[i]).toLowerCase()));
    if (fits && pattern[index].startsWith(':')) return pattern[index].slice(1);
  }
  return null;
};
const strictDecodeOr = (raw: string): string => {
  const d = strictDecode(raw);
  return 'text' in d ? d.text : raw;
};

/**
 * Refuses query and path parameters the database cannot store, on the raw URL: the router would
 * turn an undecodable path segment into a bare 400 and the query parser an undecodable value into
 * U+FFFD, so both are looked at before either runs. Path parameters are named from the route table.
 */
export function safeUrlMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const details: InvalidField[] = [];
  const segments = rawPath.split('/').slice(1);
  for (const bad of inspectPathSegments(rawPath)) {
    const param = routeParamName(req, segments, bad.index);
    details.push(param ? { field: param, errors: [`path parameter ${param} ${bad.why}`] } : { field: 'path', errors: [`path segment ${bad.index + 1} ${bad.why}`] });
  }
  if (q >= 0) details.push(...inspectQuery(url.slice(q + 1)));
  if (details.length) {
    next(refuse({ code: 'INVALID_TEXT', message: `Text the database cannot store: ${details.map((d) => d.field).join(', ')}`, details: details.slice(0, MAX_DETAILS) }));
    return;
  }
  next();
}

/** Runs right after the JSON body parser: a parsed body with unstorable text, too deep or with prototype keys is a 400. */
export function safeJsonBodyMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  // Only what the JSON parser produced: a CSV (text) body is a string, checked by the import.
  if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
    const problem = inspectJson(body);
    if (problem) {
      next(refuse(problem));
      return;
    }
  }
  next();
}
