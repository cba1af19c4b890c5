import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a golden JSON file from tests/fixtures/golden/forecast/ (see its README.md for provenance). */
export function readGolden<T>(name: string): T {
  const url = new URL(`../../fixtures/golden/forecast/${name}`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as T;
}

/** Largest |a[i] − b[i]| / max(1, |b[i]|) over both arrays' common length. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  }
  return worst;
}
