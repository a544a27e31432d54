// Rails-style request parameters. Mastodon accepts the same parameters as a query
// string, a form body, a multipart body or a JSON body, and Rails turns bracketed
// form keys (`poll[options][]=a`) into the nested structure a JSON body carries
// directly. Handlers read everything through this one shape.

export type ParamValue = string | number | boolean | null | ParamValue[] | Params;
export interface Params {
  [key: string]: ParamValue;
}

/** Splits `poll[options][]` into ['poll', 'options', '']. */
function keyPath(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match || match[1] === undefined) return [key];
  const rest = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  return [match[1], ...rest];
}

function isParams(value: ParamValue | undefined): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function assignParam(target: Params, key: string, value: string): void {
  const path = keyPath(key);
  let node: Params = target;
  for (let i = 0; i < path.length; i++) {
    const part = path[i] ?? '';
    const last = i === path.length - 1;
    const next = path[i + 1];
    if (last) {
      node[part] = value;
      return;
    }
    if (next === '') {
      // `key[]` appends; Rails does not support deeper nesting after `[]` for scalars.
      const existing = node[part];
      const list: ParamValue[] = Array.isArray(existing) ? existing : [];
      list.push(value);
      node[part] = list;
      return;
    }
    const child = node[part];
    const obj: Params = isParams(child) ? child : {};
    node[part] = obj;
    node = obj;
  }
}

/**
 * Hashes whose keys are all indices (`media_ids[0]=…`, as FormData flatteners
 * produce) become arrays, so such clients are not silently ignored.
 */
export function normaliseIndexedHashes(value: ParamValue): ParamValue {
  if (Array.isArray(value)) return value.map(normaliseIndexedHashes);
  if (!isParams(value)) return value;
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => normaliseIndexedHashes(value[k] ?? null));
  }
  const out: Params = {};
  for (const k of keys) out[k] = normaliseIndexedHashes(value[k] ?? null);
  return out;
}

export function paramsFromSearch(search: URLSearchParams, into: Params = {}): Params {
  for (const [key, value] of search) assignParam(into, key, value);
  return into;
}

export function getString(params: Params, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function getParams(params: Params, key: string): Params | undefined {
  const value = params[key];
  return isParams(value) ? value : undefined;
}

/** Scalars of an array parameter; a scalar where an array is expected is dropped, as Rails' permit does. */
export function getStringArray(params: Params, key: string): string[] | undefined {
  const value = params[key];
  if (!Array.isArray(value)) return undefined;
  return value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

/** ActiveModel::Type::Boolean: these spellings are false, blank is nil, anything else is true. */
const FALSE_VALUES = new Set(['0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF']);

export function getBoolean(params: Params, key: string): boolean | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    if (value === '') return undefined;
    return !FALSE_VALUES.has(value);
  }
  return true;
}

/** Ruby's String#to_i: leading integer or 0. */
export function getInteger(params: Params, key: string): number | undefined {
  const value = params[key];
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string') {
    const match = /^\s*[-+]?\d+/.exec(value);
    return match ? Number.parseInt(match[0], 10) : 0;
  }
  return undefined;
}
