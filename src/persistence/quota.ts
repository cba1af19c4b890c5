/**
 * Storage-full errors, said the same way by every write path. Chromium's `QuotaExceededError` has an empty
 * message, so errors are told apart by name (and by the `quota-exceeded` code once they crossed a worker
 * boundary), never by their text. Every write in persistence/ runs in one transaction that aborts whole, so the
 * sentence can promise that nothing was half-written.
 */
import { AppError } from '../lib/core/errors';

/** True for the browser's storage-full error, however it reached us. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown };
  return e.name === 'QuotaExceededError' || e.code === 'quota-exceeded' || (e.name !== 'AppError' && e.code === 22);
}

/** Approximate bytes a value takes in IndexedDB (typed arrays by length, text as UTF-16, 8 per number). */
export function approximateBytes(value: unknown, seen: WeakSet<object> = new WeakSet()): number {
  if (typeof value === 'string') return value.length * 2;
  if (typeof value !== 'object' || value === null) return 8;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (seen.has(value)) return 0;
  seen.add(value);
  let n = 16;
  if (Array.isArray(value)) for (const v of value) n += approximateBytes(v, seen);
  else for (const [k, v] of Object.entries(value)) n += k.length * 2 + approximateBytes(v, seen);
  return n;
}

const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString('en', { maximumFractionDigits: bytes < 1e7 ? 1 : 0 })} MB`;

/** Free bytes the browser reports for this origin (quota − usage), or null when it does not say. */
export async function freeBytes(): Promise<number | null> {
  try {
    const nav = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<{ quota?: number; usage?: number }> } } }).navigator;
    const estimate = await nav?.storage?.estimate?.();
    if (!estimate || estimate.quota === undefined) return null;
    return Math.max(0, estimate.quota - (estimate.usage ?? 0));
  } catch {
    return null;
  }
}

/**
 * The error a write path throws: for a storage-full error, an AppError 'quota-exceeded' saying
 * "Not enough storage: X MB needed, Y MB free; …" (`written` is what the write tried to store); other errors
 * unchanged.
 */
export async function storageError(error: unknown, written?: unknown): Promise<unknown> {
  if (!isQuotaError(error) || (error instanceof AppError && error.details?.neededBytes !== undefined)) return error;
  const needed = written === undefined ? null : approximateBytes(written);
  const free = await freeBytes();
  // The estimate can disagree with the refusal (the disk itself is full, or a limit the estimate does not show):
  // then both figures are given as they are, rather than a sum that does not add up.
  const figures =
    needed === null ? (free === null ? '' : `: ${mb(free)} free`)
    : free === null ? `: ${mb(needed)} needed`
    : free < needed ? `: ${mb(needed)} needed, ${mb(free)} free`
    : `: ${mb(needed)} needed; the browser refused it although it reports ${mb(free)} free (the disk or its limit for this site is reached)`;
  return new AppError(
    'quota-exceeded',
    `Not enough storage${figures}. Nothing was saved. Delete old results or datasets, or download a backup and clear the workspace, then try again.`,
    { neededBytes: needed, freeBytes: free },
  );
}
