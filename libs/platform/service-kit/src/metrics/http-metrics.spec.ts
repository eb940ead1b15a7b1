import { EventEmitter } from 'node:events';
import { Histogram, Registry } from 'prom-client';
import type { NextFunction, Request, Response } from 'express';
import { declareUntracedRoutes } from '../http/request-context';
import { httpMetricsMiddleware, routeTemplate, UNMATCHED_ROUTE, type HttpLabels } from './http-metrics';

describe('the route label of a request', () => {
  it('is the template the request matched, under its router base, never the URL', () => {
    expect(routeTemplate({ baseUrl: '', route: { path: '/training/programs/:programId' } })).toBe('/training/programs/:programId');
    expect(routeTemplate({ baseUrl: '/api', route: { path: '/programs/:programId' } })).toBe('/api/programs/:programId');
  });

  it('is "unmatched" when no controller took the request, whatever its URL', () => {
    expect(routeTemplate({})).toBe(UNMATCHED_ROUTE);
    // The catch-all a module middleware is mounted on is not a route of the service.
    expect(routeTemplate({ route: { path: '/{*path}' } })).toBe(UNMATCHED_ROUTE);
    expect(routeTemplate({ route: { path: '*' } })).toBe(UNMATCHED_ROUTE);
  });
});

describe('the HTTP histogram', () => {
  const setup = () => {
    const registry = new Registry();
    const histogram = new Histogram<HttpLabels>({ name: 'h', help: 'h', labelNames: ['method', 'route', 'status'], registers: [registry] });
    const middleware = httpMetricsMiddleware(histogram);
    const call = (url: string, route: string | undefined, end: (res: EventEmitter & { statusCode: number }) => void) => {
      const req = { method: 'POST', url, originalUrl: url, baseUrl: '', route: undefined as { path: string } | undefined };
      const res = Object.assign(new EventEmitter(), { statusCode: 201 });
      let nexted = false;
      middleware(req as unknown as Request, res as unknown as Response, (() => (nexted = true)) as NextFunction);
      expect(nexted).toBe(true);
      if (route) req.route = { path: route };
      end(res);
    };
    const counts = async () => (await histogram.get()).values.filter((v) => v.metricName === 'h_count').map((v) => ({ ...v.labels, n: v.value }));
    return { call, counts };
  };
  afterEach(() => declareUntracedRoutes([]));

  it('records each request once, at its end, by the route it matched', async () => {
    const { call, counts } = setup();
    call('/things/42', '/things/:id', (res) => {
      res.emit('finish');
      res.emit('close'); // a close follows every finish: not a second request
    });
    call('/things/43', '/things/:id', (res) => res.emit('close')); // the caller left first
    expect(await counts()).toEqual([
      { method: 'POST', route: '/things/:id', status: '201', n: 1 },
      { method: 'POST', route: '/things/:id', status: 'aborted', n: 1 },
    ]);
  });

  it('counts neither the scrape nor an untraced route', async () => {
    declareUntracedRoutes([/^\/secret\/[^/]+$/]);
    const { call, counts } = setup();
    call('/metrics', '/metrics', (res) => res.emit('finish'));
    call('/secret/7?x=1', '/secret/:id', (res) => res.emit('finish'));
    expect(await counts()).toEqual([]);
  });
});
