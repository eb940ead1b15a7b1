import { declaredRoutes, type DeclaredRoute } from '@tpm/auth';
import type { Type } from '@nestjs/common';

// The app modules read their configuration while they are declared; no server is contacted here.
process.env.DATABASE_URL ??= 'postgres://unused@127.0.0.1:1/unused';
process.env.KAFKA_BROKERS ??= '127.0.0.1:1';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the env above is set */
const SERVICES: Record<string, () => Type<unknown>> = {
  training: () => require('../../training/src/app.module').AppModule,
  performance: () => require('../../performance/src/app.module').AppModule,
  coaching: () => require('../../coaching/src/app.module').AppModule,
  rewards: () => require('../../rewards/src/app.module').AppModule,
  reporting: () => require('../../reporting/src/app.module').AppModule,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const routes: Record<string, DeclaredRoute[]> = Object.fromEntries(Object.entries(SERVICES).map(([name, load]) => [name, declaredRoutes(load())]));

describe('every route of every service declares its access', () => {
  it.each(Object.keys(SERVICES))('%s: no route lacks @Roles or @Public', (name) => {
    expect(routes[name].length).toBeGreaterThan(0);
    expect(routes[name].filter((r) => r.access === null).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('leaves only health public', () => {
    const open = Object.values(routes)
      .flat()
      .filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.path}`);
    expect([...new Set(open)]).toEqual(['GET /health']);
  });

  it('gives every service the admin listing of history reads', () => {
    for (const name of Object.keys(SERVICES)) {
      expect(routes[name]).toContainEqual(expect.objectContaining({ method: 'GET', path: '/admin/access-log', access: ['admin'] }));
    }
  });

});
