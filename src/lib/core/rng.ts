/**
 * Seeded pseudo-random numbers. Every simulation, generator and model initialisation takes one of these,
 * so that a run with the same seed repeats exactly.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Poisson with the given mean (≥ 0). */
  poisson(mean: number): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** The seed this generator started from. */
  readonly seed: number;
}

/** Creates a seeded generator (sfc32 seeded through splitmix32: fast, 128-bit state, passes PractRand). */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  let spare: number | undefined;
  const normal = () => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    // Marsaglia polar method.
    let u = 0;
    let v = 0;
    let q = 0;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    spare = v * f;
    return u * f;
  };
  const poisson = (mean: number): number => {
    if (!(mean >= 0)) throw new RangeError(`invalid poisson mean: ${mean}`);
    if (mean === 0) return 0;
    if (mean < 30) {
      // Knuth's multiplication method: exact, O(mean).
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    }
    // Atkinson's (1979) rejection method "PA" for large means: exact.
    const c0 = 0.767 - 3.36 / mean;
    const beta = Math.PI / Math.sqrt(3 * mean);
    const alpha = beta * mean;
    const k0 = Math.log(c0) - mean - Math.log(beta);
    for (;;) {
      const u = next();
      if (u === 0 || u === 1) continue;
      const x = (alpha - Math.log((1 - u) / u)) / beta;
      const n = Math.floor(x + 0.5);
      if (n < 0) continue;
      const v = next();
      if (v === 0) continue;
      const y = alpha - beta * x;
      const lhs = y + Math.log(v / (1 + Math.exp(y)) ** 2);
      const rhs = k0 + n * Math.log(mean) - logFactorial(n);
      if (lhs <= rhs) return n;
    }
  };
  return { next, normal, poisson, int: (n: number) => Math.floor(next() * n), seed };
}

const logFactorialCache: number[] = [0, 0];
/** ln(n!) exactly from a table below 256, Stirling's series above. */
export function logFactorial(n: number): number {
  if (n < 256) {
    for (let i = logFactorialCache.length; i <= n; i++) logFactorialCache[i] = logFactorialCache[i - 1] + Math.log(i);
    return logFactorialCache[n];
  }
  const x = n + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}
