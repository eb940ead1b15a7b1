import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';
import { isUntraced } from '../http/request-context';

/** Where the scrape itself is served: never measured, never logged. */
export const METRICS_PATH = '/metrics';

/** The label of a request that matched no route: raw URLs never become labels (no ids, bounded series). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template a request matched (`/training/programs/:programId`), never its URL: ids
 * and query strings stay out of the labels. Express sets `req.route` once a route handles the
 * request, which also holds for requests its guards or pipes refuse.
 */
export function routeTemplate(req: { baseUrl?: string; route?: { path?: unknown } }): string {
  const path = req.route?.path;
  // Nest mounts module middleware as a catch-all route (`/{*path}` in Nest 11): a request no
  // controller took keeps that one. No controller route has a wildcard (route-declarations).
  if (typeof path !== 'string' || path.includes('*')) return UNMATCHED_ROUTE;
  return `${req.baseUrl ?? ''}${path}` || '/';
}

export type HttpLabels = 'method' | 'route' | 'status';

/**
 * Times every request from the first middleware (mounted by `configureHttp`) to the response's end, by method, route
 * template and status. An untraced route (anonymous feedback, ADR 0017) is not counted at all:
 * even a counter moving at a known time could tie a submission to its reviewer's other requests.
 */
export const httpMetricsMiddleware =
  (histogram: Histogram<HttpLabels>) =>
  (req: Request, res: Response, next: NextFunction): void => {
    if ((req.originalUrl ?? req.url).split('?')[0] === METRICS_PATH || isUntraced(req)) return next();
    const end = histogram.startTimer();
    let done = false;
    const record = (status: string) => {
      if (done) return;
      done = true;
      end({ method: req.method, route: routeTemplate(req), status });
    };
    res.once('finish', () => record(String(res.statusCode)));
    // The caller went away before the answer: counted apart, not as the status it never got.
    res.once('close', () => record('aborted'));
    next();
  };
