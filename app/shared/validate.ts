/**
 * Small argument checkers for everything that crosses the app boundary (IPC, HTTP): each returns the
 * value with its type or throws a ContractError naming the path, e.g. "query.limit: expected an integer ≤ 1000".
 */
export class ContractError extends Error {
  override readonly name = 'ContractError';
}

export type Check<T> = (value: unknown, path: string) => T;

function fail(path: string, expected: string, value: unknown): never {
  const shown = typeof value === 'string' ? `a string of ${value.length} characters` : value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new ContractError(`${path}: expected ${expected}, got ${shown}`);
}

export function int(min: number, max: number): Check<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(path, `an integer in [${min}, ${max}]`, value);
    return value;
  };
}

export const bool: Check<boolean> = (value, path) => {
  if (typeof value !== 'boolean') fail(path, 'a boolean', value);
  return value;
};

/** A string of at most maxLength UTF-16 units with no NUL (paths and names never need one). */
export function str(maxLength: number, options: { allowEmpty?: boolean; allowNul?: boolean } = {}): Check<string> {
  return (value, path) => {
    if (typeof value !== 'string' || value.length > maxLength) fail(path, `a string of at most ${maxLength} characters`, value);
    if (!options.allowEmpty && value.length === 0) fail(path, 'a non-empty string', value);
    if (!options.allowNul && value.includes('\0')) throw new ContractError(`${path}: must not contain NUL`);
    return value;
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) fail(path, `one of ${values.join(', ')}`, value);
    return value as T;
  };
}

export function arrayOf<T>(item: Check<T>, maxLength: number, minLength = 0): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value) || value.length > maxLength || value.length < minLength) fail(path, `an array of ${minLength}–${maxLength} items`, value);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  };
}

/** A plain object with exactly these keys (unknown keys are refused: they mean a caller out of step). */
export function object<T extends object>(shape: { [K in keyof T]: Check<T[K]> }): Check<T> {
  const keys = Object.keys(shape);
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) fail(path, 'a plain object', value);
    for (const k of Object.keys(value)) if (!keys.includes(k)) throw new ContractError(`${path}: unexpected key '${k.slice(0, 40)}'`);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = shape[k as keyof T]((value as Record<string, unknown>)[k], `${path}.${k}`);
    return out as T;
  };
}

/** The value may also be null. */
export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

export function bytes(maxLength: number): Check<Uint8Array> {
  return (value, path) => {
    if (!(value instanceof Uint8Array) || value.byteLength > maxLength) fail(path, `bytes (at most ${maxLength})`, value);
    return value;
  };
}

/** Checks a whole argument list: exactly these positions, nothing more. */
export function tuple<T extends unknown[]>(...checks: { [K in keyof T]: Check<T[K]> }): Check<T> {
  return (value, path) => {
    if (!Array.isArray(value) || value.length !== checks.length) fail(path, `${checks.length} argument(s)`, value);
    return checks.map((c, i) => (c as Check<unknown>)(value[i], `${path}[${i}]`)) as T;
  };
}
