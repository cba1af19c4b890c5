/**
 * "About 40 s left" for progress messages: the rate so far applied to what remains. Nothing is said until 1 s
 * has passed and 1 % is done, when the rate would be mostly start-up noise.
 */

/** Formats a remaining time, ms: "about 8 s left", "about 3 min left". */
export function formatTimeLeft(ms: number): string {
  if (!(ms >= 0) || !Number.isFinite(ms)) return '';
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 90 ? `about ${s} s left` : `about ${Math.round(s / 60)} min left`;
}

/** A function of (done, total) that returns the estimated time left, in words, or '' while it cannot tell. */
export function createTimeLeft(now: () => number = () => Date.now()): (done: number, total: number) => string {
  const started = now();
  return (done, total) => {
    const elapsed = now() - started;
    if (!(total > 0) || done >= total || elapsed < 1000 || done / total < 0.01) return '';
    return formatTimeLeft((elapsed / done) * (total - done));
  };
}
