/** Machine-readable codes for errors that cross the worker boundary. */
export type AppErrorCode =
  | 'invalid-option'
  | 'invalid-input'
  | 'aborted'
  | 'not-found'
  | 'storage'
  | 'quota-exceeded'
  | 'worker-crashed'
  | 'internal';

/** Structured error: `code` for programs, `message` for people, `details` for the specifics. */
export class AppError extends Error {
  override name = 'AppError';
  /** Stable code for programs. */
  readonly code: AppErrorCode;
  /** Extra facts (the bad value, the row), JSON-serializable. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** Formats a value for an error message: strings quoted, long strings cut. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Throws `invalid-option` naming the option and its value, e.g. `invalid leadTimeDays: -3`. */
export function invalidOption(name: string, value: unknown, expected?: string): never {
  const tail = expected ? ` (expected ${expected})` : '';
  throw new AppError('invalid-option', `invalid ${name}: ${formatValue(value)}${tail}`, { name, value: String(value) });
}

/** Returns `value` when it is a finite number, else throws naming it. */
export function maybeFinite(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalidOption(name, value, 'a finite number');
  return value;
}

/** Returns `value` when it is a finite number ≥ 0 (or > 0 when `strict`), else throws naming it. */
export function maybeNonNegative(name: string, value: unknown, strict = false): number {
  const v = maybeFinite(name, value);
  if (strict ? v <= 0 : v < 0) invalidOption(name, value, strict ? 'a number > 0' : 'a number ≥ 0');
  return v;
}

/** Returns `value` when it is an integer in [min, max], else throws naming it. */
export function maybeInteger(name: string, value: unknown, min = -Infinity, max = Infinity): number {
  const v = maybeFinite(name, value);
  if (!Number.isInteger(v) || v < min || v > max) {
    const range = `an integer${Number.isFinite(min) ? ` ≥ ${min}` : ''}${Number.isFinite(max) ? ` and ≤ ${max}` : ''}`;
    invalidOption(name, value, range);
  }
  return v;
}

/** Returns `value` when it is one of `allowed`, else throws naming it. */
export function maybeOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalidOption(name, value, `one of ${allowed.join(', ')}`);
  }
  return value as T;
}
