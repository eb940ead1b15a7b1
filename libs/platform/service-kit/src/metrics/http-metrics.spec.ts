import { routeTemplate, UNMATCHED_ROUTE } from './http-metrics';

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
