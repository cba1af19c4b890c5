import { advanceCursor } from '../inventory/playback';

/**
 * Animated playback of a run: a cursor over the periods that advances `speed` periods per second on
 * animation frames while playing. Charts draw up to the cursor.
 */
export class Playback {
  /** Last period shown, 0-based. */
  cursor = $state(0);
  /** Periods in the run. */
  horizon = $state(0);
  /** True while animating. */
  playing = $state(false);
  /** Periods per second. */
  speed = $state(25);

  private frame = 0;
  private lastAt = 0;
  private carry = 0;

  /**
   * Takes a new run of `horizon` periods (a slider moved). The cursor stays where it is when playing or when
   * the user had stepped back into the run, so the new run shows from the same period; at the end of the old
   * run it moves to the end of the new one, showing it whole.
   */
  load(horizon: number): void {
    const atEnd = this.cursor >= this.horizon - 1;
    this.horizon = horizon;
    this.cursor = this.playing || !atEnd ? Math.min(this.cursor, horizon - 1) : horizon - 1;
  }

  /** Starts (from the first period when at the end). */
  play(): void {
    if (this.horizon < 1 || this.playing) return;
    if (this.cursor >= this.horizon - 1) this.cursor = 0;
    this.playing = true;
    this.carry = 0;
    this.lastAt = performance.now();
    this.frame = requestAnimationFrame(this.tick);
  }

  /** Stops where it is. */
  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.frame);
  }

  /** Play or pause. */
  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Pauses and moves by `delta` periods. */
  step(delta: number): void {
    this.pause();
    this.seek(this.cursor + delta);
  }

  /** Moves the cursor to period t (clamped). */
  seek(t: number): void {
    this.cursor = Math.max(0, Math.min(this.horizon - 1, Math.round(t)));
  }

  /** Stops the animation for good. */
  destroy(): void {
    this.pause();
  }

  private tick = (now: number): void => {
    if (!this.playing) return;
    const next = advanceCursor({ cursor: this.cursor, carry: this.carry }, now - this.lastAt, this.speed, this.horizon);
    this.lastAt = now;
    this.carry = next.carry;
    if (next.cursor !== this.cursor) this.cursor = next.cursor;
    if (next.atEnd) this.playing = false;
    else this.frame = requestAnimationFrame(this.tick);
  };
}
