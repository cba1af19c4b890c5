/**
 * Latest-request-wins runner for interactive recomputation (house style C4). At most one call is in flight;
 * a request made meanwhile replaces any queued one and cancels the running one (cooperatively), and a
 * result is delivered only when no newer request was made since its own: a stale result never overwrites a
 * newer one. Dragging a slider therefore costs one call at a time plus the last position, not one per event.
 */
import { isAbortError } from '../../lib/core/abort';

/** What the runner calls and where it delivers. */
export interface LatestOptions<I, R> {
  /** The work, e.g. a worker call; must honour `signal`. */
  run: (input: I, signal: AbortSignal) => Promise<R>;
  /** Receives the result of the latest request. */
  onResult: (result: R, input: I) => void;
  /** Receives a failure of the latest request (never an AbortError). */
  onError: (error: unknown, input: I) => void;
  /** Called with true when work starts and false when the runner is idle again. */
  onBusy?: (busy: boolean) => void;
}

/** A latest-request-wins runner. */
export class LatestRunner<I, R> {
  /** Incremented by every request; a result is delivered only if its generation is still the latest. */
  generation = 0;
  private queued: { input: I; generation: number } | null = null;
  private controller: AbortController | null = null;
  private running = false;

  constructor(private readonly options: LatestOptions<I, R>) {}

  /** True while a call is in flight or queued. */
  get busy(): boolean {
    return this.running || this.queued !== null;
  }

  /** Requests a computation; supersedes every earlier request. */
  request(input: I): void {
    this.queued = { input, generation: ++this.generation };
    this.controller?.abort();
    if (!this.running) void this.pump();
  }

  /** Cancels the running call and drops the queued one; nothing is delivered until the next request. */
  cancel(): void {
    this.generation++;
    this.queued = null;
    this.controller?.abort();
  }

  private async pump(): Promise<void> {
    this.running = true;
    this.options.onBusy?.(true);
    while (this.queued) {
      const { input, generation } = this.queued;
      this.queued = null;
      const controller = new AbortController();
      this.controller = controller;
      try {
        const result = await this.options.run(input, controller.signal);
        if (generation === this.generation) this.options.onResult(result, input);
      } catch (error) {
        if (generation === this.generation && !isAbortError(error)) this.options.onError(error, input);
      } finally {
        if (this.controller === controller) this.controller = null;
      }
    }
    this.running = false;
    this.options.onBusy?.(false);
  }
}
