import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './performance.schema';

export type PerformanceClient = Client<paths>;

/**
 * A typed client of the performance service, from its OpenAPI document alone
 * (docs/openapi/performance.json → performance.schema.ts by `npm run openapi`): paths, path
 * parameters, bodies, answers and refusals are the document's types; the bearer token goes on every call.
 */
export const performanceClient = (baseUrl: string, token: string): PerformanceClient => {
  const client = createClient<paths>({ baseUrl });
  client.use({
    onRequest: ({ request }) => {
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
};
