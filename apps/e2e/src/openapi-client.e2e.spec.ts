import { signDevToken } from '@tpm/auth';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performanceClient, type PerformanceClient } from './clients/performance.client';
import { startScenario, type Scenario } from './scenario';

/**
 * The OpenAPI document is usable by a client: a client generated from docs/openapi/performance.json
 * (openapi-typescript + openapi-fetch), and nothing else, drives the organization on a running
 * performance service. A path, parameter or schema the document got wrong fails to compile or here.
 */
describe('a client generated from the OpenAPI document drives the performance service', () => {
  let scenario: Scenario;
  let api: PerformanceClient;
  const UNIT = 'BU-OAS';
  const NUMBER = 'E-OAS-1';

  beforeAll(async () => {
    scenario = await startScenario(['performance'], { dbPrefix: 'e2e_oas' });
    api = performanceClient(scenario.service('performance').url, await signDevToken({ sub: 'e2e-hr', roles: ['hr'], bu: ['*'] }));
  });

  afterAll(() => scenario?.stop());

  // What the document says an operation may answer: every status seen below must be one of them.
  const document = JSON.parse(readFileSync(path.resolve(__dirname, '../../../docs/openapi/performance.json'), 'utf8')) as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  const declared = (method: string, route: string) => Object.keys(document.paths[route][method].responses);

  it('serves at /docs/json the very document the client was generated from', async () => {
    const served = await fetch(`${scenario.service('performance').url}/docs/json`);
    expect(await served.json()).toEqual(document);
  });

  it('registers a unit, onboards an employee and reads them back, with the version in the ETag', async () => {
    const unit = await api.POST('/org/business-units', { body: { businessUnitId: UNIT, name: 'Open API', parentId: null } });
    expect(unit.response.status).toBe(201);
    expect(unit.data).toMatchObject({ appended: 1, version: 1, streamId: expect.any(String) });

    const onboarded = await api.POST('/org/employees', {
      body: { employeeNumber: NUMBER, name: 'Ana Lima', businessUnitId: UNIT, position: 'Analyst', managerEmployeeNumber: null, level: 'staff' },
    });
    expect(onboarded.response.status).toBe(201);
    expect(onboarded.data).toMatchObject({ appended: 1, employeeId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const read = await api.GET('/org/employees/{employeeNumber}', { params: { path: { employeeNumber: NUMBER } } });
    expect(read.response.status).toBe(200);
    expect(read.data).toMatchObject({ status: 'active', employeeNumber: NUMBER, employeeId: onboarded.data?.employeeId, businessUnitId: UNIT, name: 'Ana Lima', level: 'staff', version: 1 });
    expect(read.response.headers.get('etag')).toMatch(/:1"$/);
  });

  it('gets the refusals the document declares, typed as ApiError', async () => {
    const unknownUnit = await api.POST('/org/employees', {
      body: { employeeNumber: 'E-OAS-2', name: 'Bo', businessUnitId: 'BU-NOPE', position: 'Analyst', level: 'staff' },
    });
    expect(unknownUnit.response.status).toBe(404);
    expect(unknownUnit.error?.code).toBe('BUSINESS_UNIT_NOT_FOUND');
    expect(declared('post', '/org/employees')).toContain('404');

    const missing = await api.GET('/org/employees/{employeeNumber}', { params: { path: { employeeNumber: 'E-OAS-NOBODY' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ statusCode: 404, code: expect.any(String) });

    const invalid = await api.GET('/org/employees/{employeeNumber}', { params: { path: { employeeNumber: 'bad number!' } } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.code).toBe('VALIDATION_FAILED');
    expect(declared('get', '/org/employees/{employeeNumber}')).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));

    // A token the service does not trust: the 401 the document declares on every operation but /health.
    const stranger = performanceClient(scenario.service('performance').url, 'not-a-token');
    const refused = await stranger.GET('/org/employees/{employeeNumber}', { params: { path: { employeeNumber: NUMBER } } });
    expect(refused.response.status).toBe(401);
    expect(refused.error?.code).toBe('TOKEN_INVALID');
  });
});
