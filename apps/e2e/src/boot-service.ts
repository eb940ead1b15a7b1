import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@tpm/service-kit';

/** Boots one service in this process on an ephemeral port, with the same HTTP setup as main.ts. */
export async function bootService(module: unknown, title: string): Promise<INestApplication> {
  const app = await createServiceApp(module as never, { title, description: `${title} (e2e)` });
  await app.listen(0, '127.0.0.1');
  return app;
}
