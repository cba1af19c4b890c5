/** Phases of long-running calls; every progress event names one. */
export type ProgressPhase =
  | 'reading'
  | 'parsing'
  | 'validating'
  | 'storing'
  | 'probing'
  | 'training'
  | 'backtesting'
  | 'forecasting'
  | 'simulating'
  | 'optimizing'
  | 'reordering';

/** One progress event: `done` of `total` units of `phase`. Never decreases within a phase. */
export interface Progress {
  /** What is being done. */
  phase: ProgressPhase;
  /** Units done so far (bytes, rows, epochs...). */
  done: number;
  /** Units in all; `done === total` on the last event. */
  total: number;
  /** Optional words for the UI ("epoch 3 of 50"). */
  message?: string;
}

/** Callback for progress events. */
export type ProgressCallback = (progress: Progress) => void;

/**
 * Wraps `onProgress` so it fires at most every `intervalMs` (default 100 ms, about 10 per second),
 * never reports a smaller `done` than before in the same phase, and always delivers the final event.
 */
export function createProgressThrottle(
  onProgress: ProgressCallback | undefined,
  intervalMs = 100,
  now: () => number = () => Date.now(),
): ProgressCallback {
  if (!onProgress) return () => {};
  let lastAt = -Infinity;
  let lastPhase: ProgressPhase | undefined;
  let lastDone = -Infinity;
  return (p) => {
    if (p.phase !== lastPhase) {
      lastPhase = p.phase;
      lastDone = -Infinity;
      lastAt = -Infinity;
    }
    const done = Math.max(p.done, lastDone === -Infinity ? p.done : lastDone);
    const final = done >= p.total;
    const t = now();
    if (!final && t - lastAt < intervalMs) return;
    if (final && lastDone >= p.total) return;
    lastAt = t;
    lastDone = done;
    onProgress({ ...p, done: Math.min(done, p.total) });
  };
}
