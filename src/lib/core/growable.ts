/** A Float64Array that grows by doubling: append numbers without a JS array per value. */
export class GrowableFloat64 {
  private data: Float64Array;
  /** Number of values appended. */
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** Value at `i` (no bounds check beyond the typed array's own). */
  get(i: number): number {
    return this.data[i];
  }

  /** A view of the values appended so far (shares memory; valid until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** An Int32Array that grows by doubling. */
export class GrowableInt32 {
  private data: Int32Array;
  /** Number of values appended. */
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** Value at `i`. */
  get(i: number): number {
    return this.data[i];
  }

  /** Replaces the value at `i`, one already appended (`i < length`). */
  set(i: number, value: number): void {
    if (i >= this.length) throw new RangeError(`index ${i} not appended yet (length ${this.length})`);
    this.data[i] = value;
  }

  /** A view of the values appended so far (shares memory; valid until the next push). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Interns strings to dense ids 0, 1, 2, ... in order of first appearance. */
export class Interner {
  private readonly ids = new Map<string, number>();
  /** The distinct strings, by id. */
  readonly values: string[] = [];

  /** The id of `s`, assigning the next one on first sight. */
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(s, id);
      this.values.push(s);
    }
    return id;
  }

  /** Number of distinct strings. */
  get size(): number {
    return this.values.length;
  }
}
