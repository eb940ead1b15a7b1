import { ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
import { DomainError, isDependencyUnavailable } from '@tpm/kernel';
import { HttpErrorFilter } from './http-error.filter';

class SomeRuleBroken extends DomainError {
  readonly code = 'SOME_RULE';
}

const answer = (exception: unknown, url = '/org/employees/import') => {
  const headers: Record<string, string> = {};
  let status = 0;
  let body: Record<string, unknown> = {};
  const res = {
    getHeader: (k: string) => headers[k.toLowerCase()],
    setHeader: (k: string, v: string) => (headers[k.toLowerCase()] = v),
    status(s: number) {
      status = s;
      return this;
    },
    json: (b: Record<string, unknown>) => (body = b),
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ url }) }) } as unknown as ArgumentsHost;
  new HttpErrorFilter().catch(exception, host);
  return { status, headers, body };
};

describe('a dependency that is down', () => {
  it('is recognised from a refused or cut PostgreSQL connection, a shutdown SQLSTATE, and a wrapped driver error', () => {
    expect(isDependencyUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isDependencyUnavailable({ message: 'QueryFailedError', driverError: { code: '08006' } })).toBe(true);
  });

  it('is not confused with a bug or a refused request', () => {
    expect(isDependencyUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isDependencyUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, not a 500', () => {
    const r = answer(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(r.status).toBe(503);
    expect(r.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('gives every 503, the health check included, a Retry-After and keeps its code', () => {
    const r = answer(new ServiceUnavailableException({ code: 'SERVICE_UNAVAILABLE', message: 'database unreachable', details: { error: { database: {} } } }), '/health');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { error: { database: {} } } });
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('still answers an unknown error with a bare 500 and a domain error with its 4xx', () => {
    expect(answer(new Error('boom')).status).toBe(500);
    expect(answer(new SomeRuleBroken('a rule')).status).toBe(422);
  });
});
