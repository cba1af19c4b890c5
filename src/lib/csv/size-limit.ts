/**
 * How large a file this browser can import, said plainly before trying. The figure is an estimate, scaled from a
 * measurement: in Chromium on a 64-bit desktop (8 GB or more reported by `navigator.deviceMemory`) a 762 MB file
 * (200,000 weekly series, 31 M rows) imported in 30 s and a 1.1 GB one did not (issue #13), so the ceiling here is
 * 800 MB. A device that reports less memory gets the same share of it (deviceMemory is capped at 8 by browsers),
 * and a JavaScript heap limit below 3.2 GB caps it at a quarter of that heap.
 */

/** Measured ceiling of one import on a desktop with ≥ 8 GB (bytes). */
export const DESKTOP_IMPORT_LIMIT_BYTES = 800e6;

/** What the browser says about its memory (each optional: browsers other than Chromium say less). */
export interface BrowserMemory {
  /** `navigator.deviceMemory`, GiB (Chromium: 0.25 … 8). */
  deviceMemoryGiB?: number;
  /** `performance.memory.jsHeapSizeLimit`, bytes (Chromium only). */
  heapLimitBytes?: number;
}

/** The estimated largest file, in bytes, and the sentence that says where the figure comes from. */
export function importSizeLimit(memory: BrowserMemory = {}): { bytes: number; basis: string } {
  const { deviceMemoryGiB, heapLimitBytes } = memory;
  let bytes = DESKTOP_IMPORT_LIMIT_BYTES;
  let basis = 'measured in Chromium on a desktop with 8 GB of memory or more';
  if (typeof deviceMemoryGiB === 'number' && deviceMemoryGiB > 0 && deviceMemoryGiB < 8) {
    bytes = (DESKTOP_IMPORT_LIMIT_BYTES * deviceMemoryGiB) / 8;
    basis = `this device reports ${deviceMemoryGiB} GB of memory; ${fmtMb(DESKTOP_IMPORT_LIMIT_BYTES)} was measured with 8 GB`;
  }
  if (typeof heapLimitBytes === 'number' && heapLimitBytes > 0 && heapLimitBytes / 4 < bytes) {
    bytes = heapLimitBytes / 4;
    basis = `a quarter of this browser's ${fmtMb(heapLimitBytes)} JavaScript memory limit`;
  }
  return { bytes, basis };
}

/**
 * The message for files over the limit, or null when every file fits (alone and together): the size, the size
 * this browser can take, and what to do instead.
 */
export function tooLargeMessage(files: Array<{ name: string; size: number }>, limit: { bytes: number; basis: string }): string | null {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total <= limit.bytes) return null;
  const big = files.length === 1 ? `${files[0].name} is ${fmtMb(files[0].size)}` : `These ${files.length} files are ${fmtMb(total)} together`;
  return (
    `${big}; this browser can import about ${fmtMb(limit.bytes)} at once here (${limit.basis}). ` +
    'Split the data into smaller files, for example one per store, and import each as its own dataset; or write it in ' +
    'the long format (unique_id, ds, y: one row per series and period, no other columns), which is much smaller for ' +
    'the same sales; or forecast it outside the browser and import the forecast file.'
  );
}

/** Megabytes (10⁶ bytes) or gigabytes, for sentences. */
function fmtMb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}
