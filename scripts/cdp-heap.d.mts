import type { BrowserContext, Page } from '@playwright/test';

/** Heaps of a page and its dedicated workers after a forced GC (see cdp-heap.mjs). */
export interface HeapProbe {
  /** Names of the attached workers. */
  workerNames(): string[];
  /** Used JS heap of the page and of each worker (or only the named ones), bytes, after a forced GC. */
  heaps(names?: string[]): Promise<{ page: number; workers: Record<string, number> }>;
  /** Heap snapshot of the page (or the named worker): bytes of compiled code and of everything else. */
  snapshot(worker?: string): Promise<{ objects: number; code: number }>;
  /** Ends the CDP session. */
  close(): Promise<void>;
}

/** Opens the probe on a page (Chromium only). */
export function createHeapProbe(context: BrowserContext, page: Page): Promise<HeapProbe>;

/** Least-squares slope of `ys` against `xs`; 0 for fewer than 2 points. */
export function slope(xs: number[], ys: number[]): number;
