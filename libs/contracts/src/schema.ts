/**
 * Runtime schemas for published payloads. A schema is written against its payload type and the
 * compiler holds the two together (`Schema<T>` is invariant in T: a schema that admits more, or
 * less, than its type does not compile); at run time `problemsOf` names every field that breaks it.
 * Objects are exact: a field the contract does not name is a problem, so a domain field cannot
 * leak onto the published language unnoticed. Small on purpose: see ADR 0015 for why not ajv or
 * class-validator here.
 */
export interface Schema<T> {
  /** Appends one line per problem, each naming its path (`data.competencyGaps[0].gap`). */
  check(value: unknown, path: string, problems: string[]): void;
  /** Phantom, never set: makes `Schema<T>` invariant in T. */
  readonly _type?: (value: T) => T;
}

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

const primitive = <T>(name: string, ok: (v: unknown) => boolean): Schema<T> => ({
  check(value, path, problems) {
    if (!ok(value)) problems.push(`${path}: expected ${name}, got ${describe(value)}`);
  },
});

export const string = (): Schema<string> => primitive('string', (v) => typeof v === 'string');
export const boolean = (): Schema<boolean> => primitive('boolean', (v) => typeof v === 'boolean');
export const number = (): Schema<number> => primitive('number', (v) => typeof v === 'number' && Number.isFinite(v));
export const integer = (): Schema<number> => primitive('integer', (v) => Number.isInteger(v));
/** An ISO-8601 instant as the envelope and payloads carry it. */
export const instant = (): Schema<string> =>
  primitive('ISO-8601 instant', (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)));

export const oneOf = <L extends string | number>(...values: L[]): Schema<L> => ({
  check(value, path, problems) {
    if (!values.includes(value as L)) problems.push(`${path}: expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`);
  },
});

export const nullable = <T>(inner: Schema<T>): Schema<T | null> => ({
  check(value, path, problems) {
    if (value !== null) inner.check(value, path, problems);
  },
});

export const array = <T>(items: Schema<T>): Schema<T[]> => ({
  check(value, path, problems) {
    if (!Array.isArray(value)) {
      problems.push(`${path}: expected array, got ${describe(value)}`);
      return;
    }
    value.forEach((v, i) => items.check(v, `${path}[${i}]`, problems));
  },
});

/** Every field of T, each with its schema; nothing else is allowed. */
export type Shape<T> = { [K in keyof T]-?: Schema<T[K]> };

export const object = <T extends object>(shape: Shape<T>): Schema<T> => ({
  check(value, path, problems) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${path}: expected object, got ${describe(value)}`);
      return;
    }
    const fields = shape as Record<string, Schema<unknown>>;
    const record = value as Record<string, unknown>;
    for (const [key, schema] of Object.entries(fields)) {
      if (!(key in record)) problems.push(`${path}.${key}: missing`);
      else schema.check(record[key], `${path}.${key}`, problems);
    }
    for (const key of Object.keys(record)) if (!(key in fields)) problems.push(`${path}.${key}: not in the contract`);
  },
});

/** Every problem of `value` against `schema`; empty when it conforms. */
export const problemsOf = <T>(schema: Schema<T>, value: unknown, path = 'data'): string[] => {
  const problems: string[] = [];
  schema.check(value, path, problems);
  return problems;
};
