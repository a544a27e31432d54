/**
 * A tiny schema checker for messages crossing a trust boundary (pages and
 * content scripts -> background). Small on purpose: the service worker and the
 * content scripts load it on every wake.
 */

export class ValidationError extends Error {
  readonly path: string;

  constructor(path: string, expected: string) {
    super(`${path || 'value'}: expected ${expected}`);
    this.name = 'ValidationError';
    this.path = path;
  }
}

export type Schema<T> = (value: unknown, path?: string) => T;
export type Infer<S> = S extends Schema<infer T> ? T : never;

export const string =
  (opts: { max?: number; min?: number; pattern?: RegExp } = {}): Schema<string> =>
  (value, path = '') => {
    if (typeof value !== 'string') throw new ValidationError(path, 'a string');
    if (opts.max !== undefined && value.length > opts.max)
      throw new ValidationError(path, `at most ${opts.max} characters`);
    if (opts.min !== undefined && value.length < opts.min)
      throw new ValidationError(path, `at least ${opts.min} characters`);
    if (opts.pattern && !opts.pattern.test(value)) throw new ValidationError(path, `a string matching ${opts.pattern}`);
    return value;
  };

export const number =
  (opts: { min?: number; max?: number; integer?: boolean } = {}): Schema<number> =>
  (value, path = '') => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValidationError(path, 'a finite number');
    if (opts.integer && !Number.isInteger(value)) throw new ValidationError(path, 'an integer');
    if (opts.min !== undefined && value < opts.min) throw new ValidationError(path, `≥ ${opts.min}`);
    if (opts.max !== undefined && value > opts.max) throw new ValidationError(path, `≤ ${opts.max}`);
    return value;
  };

export const boolean =
  (): Schema<boolean> =>
  (value, path = '') => {
    if (typeof value !== 'boolean') throw new ValidationError(path, 'a boolean');
    return value;
  };

export const oneOf =
  <const T extends readonly (string | number | boolean | null)[]>(...options: T): Schema<T[number]> =>
  (value, path = '') => {
    if (!options.includes(value as T[number])) throw new ValidationError(path, `one of ${options.join(', ')}`);
    return value as T[number];
  };

export const array =
  <T>(item: Schema<T>, opts: { max?: number } = {}): Schema<T[]> =>
  (value, path = '') => {
    if (!Array.isArray(value)) throw new ValidationError(path, 'an array');
    if (opts.max !== undefined && value.length > opts.max) throw new ValidationError(path, `at most ${opts.max} items`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  };

export const optional =
  <T>(inner: Schema<T>): Schema<T | undefined> =>
  (value, path = '') =>
    value === undefined ? undefined : inner(value, path);

export const nullable =
  <T>(inner: Schema<T>): Schema<T | null> =>
  (value, path = '') =>
    value === null ? null : inner(value, path);

type Shape = Record<string, Schema<unknown>>;
type ObjectOf<S extends Shape> = { [K in keyof S as undefined extends Infer<S[K]> ? never : K]: Infer<S[K]> } & {
  [K in keyof S as undefined extends Infer<S[K]> ? K : never]?: Infer<S[K]>;
};

/** Unknown keys are dropped, so nothing unexpected travels further than the check. */
export const object =
  <S extends Shape>(shape: S): Schema<ObjectOf<S>> =>
  (value, path = '') => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new ValidationError(path, 'an object');
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const v = check((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (v !== undefined) out[key] = v;
    }
    return out as ObjectOf<S>;
  };

/** A message without a body. */
export const empty =
  (): Schema<undefined> =>
  (value, path = '') => {
    if (value !== undefined && value !== null && !(typeof value === 'object' && Object.keys(value).length === 0)) {
      throw new ValidationError(path, 'no body');
    }
    return undefined;
  };
