/** Backtest results cached in /tmp by scripts/accuracy-check.ts (JSON for the small fields, one binary file for the
 * typed arrays), so the scoring can be rerun, or varied, on the very same forecasts. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { BacktestResult } from '../src/lib/forecast/evaluate/types';

/** Writes `file`.json and `file`.bin. */
export function save(file: string, r: BacktestResult) {
  const { actual, forecast, scale, lastValue, level, rowSeries, rowOrigin, ...meta } = r;
  const arrays = { actual, forecast, scale, lastValue, level };
  const json = JSON.stringify({ meta, rowSeries: [...rowSeries], rowOrigin: [...rowOrigin], lengths: Object.fromEntries(Object.entries(arrays).map(([k, v]) => [k, v.length])) });
  const parts = Object.values(arrays).map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  writeFileSync(file + '.json', json);
  writeFileSync(file + '.bin', Buffer.concat(parts));
}

export function load(file: string): BacktestResult {
  const j = JSON.parse(readFileSync(file + '.json', 'utf8'));
  const bin = readFileSync(file + '.bin');
  const buf = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  let at = 0;
  const take = (n: number) => {
    const a = new Float64Array(buf, at, n);
    at += n * 8;
    return a;
  };
  const L = j.lengths;
  return { ...j.meta, rowSeries: Int32Array.from(j.rowSeries), rowOrigin: Int32Array.from(j.rowOrigin), actual: take(L.actual), forecast: take(L.forecast), scale: take(L.scale), lastValue: take(L.lastValue), level: take(L.level) };
}
