/** Options of `whenSettled`. */
export interface SettleOptions {
  /** True while work runs that the waiting task must not compete with (an import in the ingest worker). */
  busy: () => boolean;
  /** Resolves once the page has loaded (the `load` event). */
  loaded: Promise<void>;
  /** Quiet time needed after `loaded` and after the last moment `busy()` was true, ms. Default 2000. */
  quietMs?: number;
  /** How often `busy()` is read, ms. Default 250. */
  pollMs?: number;
  /** Runs a callback when the main thread is idle (requestIdleCallback where there is one). */
  idle?: (callback: () => void) => void;
  /** Clock, ms. Default `performance.now`. */
  now?: () => number;
}

/**
 * Resolves once the page has loaded and then stayed quiet: `busy()` false for `quietMs` in a row, then an idle
 * moment with `busy()` still false. A service worker's first install downloads and caches every precached file
 * (TF.js's WASM binaries, the workers, the demo model: 97 files, 5.7 MB, when this was written); started while an
 * import runs, it takes the CPU and disk the import needs, so it waits for this.
 */
export function whenSettled(options: SettleOptions): Promise<void> {
  const { busy, loaded, quietMs = 2000, pollMs = 250 } = options;
  const now = options.now ?? (() => performance.now());
  const idle = options.idle ?? defaultIdle;
  return loaded.then(
    () =>
      new Promise<void>((resolve) => {
        let quietSince = now();
        const check = () => {
          if (busy()) quietSince = now();
          if (now() - quietSince < quietMs) {
            setTimeout(check, pollMs);
            return;
          }
          idle(() => (busy() ? check() : resolve()));
        };
        setTimeout(check, pollMs);
      }),
  );
}

/** requestIdleCallback with a 2 s deadline, or a short timeout where the browser has none. */
function defaultIdle(callback: () => void): void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
  if (ric) ric(callback, { timeout: 2000 });
  else setTimeout(callback, 50);
}

/** Resolves on the window's `load` event (at once when it has already fired). */
export function pageLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
}
