/** The structured logger port of platform libs; pino's Logger satisfies it. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** JSON lines on stderr, for when no logger is injected (CLIs, tests). */
export const consoleLogger = (component: string, minLevel: 'info' | 'warn' | 'error' = 'info'): Logger => {
  const order = { info: 0, warn: 1, error: 2 };
  const write = (level: keyof typeof order) => (obj: object, msg?: string) => {
    if (order[level] < order[minLevel]) return;
    process.stderr.write(JSON.stringify({ level, time: new Date().toISOString(), component, msg, ...obj }) + '\n');
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
};
