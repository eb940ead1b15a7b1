import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { bootstrapService, type BootOptions } from './bootstrap';
import { InvalidConfiguration } from './config/service-config';

/**
 * A service's entry point. The app module reads its configuration while it loads, so it is
 * loaded here, where a wrong setting (DATABASE_URL, KAFKA_BROKERS, the integrity or personal-data
 * keys, auth) ends the process with one line naming the variable instead of a stack trace.
 */
export async function runService(load: () => Promise<Type<unknown> | DynamicModule>, options: BootOptions): Promise<INestApplication | undefined> {
  try {
    return await bootstrapService(await load(), options);
  } catch (e) {
    const configuration =
      e instanceof InvalidConfiguration || (e instanceof Error && ['InvalidConfiguration', 'AuthConfigurationError', 'IntegrityConfigurationError'].includes(e.name));
    if (!configuration) throw e;
    process.stderr.write(`${(e as Error).message.replace(/:\n\s*/, ': ').replace(/\n\s*/g, '; ')}\n`);
    process.exit(1);
  }
}
