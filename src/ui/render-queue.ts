/**
 * One rendering job per task. Creating or updating a chart costs 10-40 ms of main-thread time (option resolution,
 * layout with text measuring, drawing), a KaTeX formula 1-40 ms (the first ones, cold, the most); a view whose four
 * to six charts and several formulas all change on one worker answer did all of that in one task, 100-250 ms, far
 * over the 50 ms long-task budget (issue #6). ChartCanvas and Formula hand their work to this queue instead, and
 * the queue runs one job per task, each after a frame, so input and rendering get in between.
 *
 * Invariants:
 * - at most one job per key (component) is queued: a later job for the same key replaces the queued one (it draws
 *   the newest input, so a chart that changes twice before its turn draws once) and keeps its place in the line;
 * - jobs run in the order their keys first queued, one per scheduled task;
 * - a cancelled key's job never runs (a destroyed component must not touch its DOM).
 */

/** Runs `fn` in a later task. */
export type TaskScheduler = (fn: () => void) => void;

/**
 * The next job runs in the task right after the next frame (`requestAnimationFrame`, then `setTimeout(fn, 0)`):
 * the frame's style and layout then come first, in their own task, so a new chart's first size reading
 * (`getComputedStyle` of its canvas) finds them clean instead of forcing them inside the chart's task. Without
 * frames (a hidden page, or no DOM) plain `setTimeout`.
 */
const afterNextFrame: TaskScheduler = (fn) => {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible') {
    requestAnimationFrame(() => setTimeout(fn, 0));
  } else setTimeout(fn, 0);
};

/**
 * Resolves with `value` in a later task (after the next frame, as the queue's jobs run). A lazily loaded view
 * awaits it between its import and its mount: the chunk's evaluation and the view's first rendering are then two
 * tasks instead of one (issue #6).
 */
export function inLaterTask<T>(value: T, schedule: TaskScheduler = afterNextFrame): Promise<T> {
  return new Promise((resolve) => schedule(() => resolve(value)));
}

/** A queue of rendering jobs keyed by component, drained one job per task. */
export class RenderQueue {
  private readonly jobs = new Map<object, () => void>();
  private scheduled = false;

  /**
   * @param schedule runs the next job in a later task; default after the next frame.
   * @param onBusy called when a job is queued into an empty, idle queue.
   * @param onIdle called when the last queued job has run (or was the last one cancelled, at the next turn).
   */
  constructor(
    private readonly schedule: TaskScheduler = afterNextFrame,
    private readonly onBusy: () => void = () => undefined,
    private readonly onIdle: () => void = () => undefined,
  ) {}

  /** Queues `job` for `key` (replacing a queued job of the same key, which keeps its place). */
  enqueue(key: object, job: () => void): void {
    if (this.jobs.size === 0 && !this.scheduled) this.onBusy();
    this.jobs.set(key, job);
    this.pump();
  }

  /** Drops the queued job of `key`, if any. */
  cancel(key: object): void {
    this.jobs.delete(key);
  }

  /** Jobs waiting. */
  get size(): number {
    return this.jobs.size;
  }

  private pump(): void {
    if (this.scheduled || this.jobs.size === 0) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      const next = this.jobs.entries().next();
      try {
        if (!next.done) {
          const [key, job] = next.value;
          this.jobs.delete(key);
          job();
        }
      } finally {
        this.pump();
        if (!this.scheduled) this.onIdle();
      }
    });
  }
}

/** Replaces the performance mark `name` (one entry each, however long the app runs). */
function markOnce(name: string): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.clearMarks(name);
  performance.mark(name);
}

/**
 * The app's one queue, shared by every ChartCanvas, Formula and Deferred. The marks `shelfcast-render-busy` and
 * `shelfcast-render-idle` say when it last got work and last ran dry: `npm run bench` waits for the idle one so a
 * phase's measurement includes all the rendering it caused.
 */
export const renderQueue = new RenderQueue(afterNextFrame, () => markOnce('shelfcast-render-busy'), () => markOnce('shelfcast-render-idle'));
