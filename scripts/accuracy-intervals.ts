/**
 * The interval variants compared in docs/accuracy.md, on the backtests cached by scripts/accuracy-check.ts: errors
 * scaled by the level alone (the former rule), by the in-sample seasonal naive MAE ('mase'), by level × the series'
 * own mean |e|/level ('r0', unshrunk; 'rH' shrunk by H pseudo-errors to the all-series ratio) or shrunk to the ratio
 * of its size group ('gH', 'g2H': the rule in calibration.ts; 'gOnly': the group's ratio alone). Prints the 80 %
 * coverage on the later half of the origins, per third of the series by level in brackets, and the pinball loss.
 *   F=weekly,daily [KEEP=105,113,121,129] node -e "import('vite').then(v => v.runnerImport('./scripts/accuracy-intervals.ts'))"
 */
import { load } from './accuracy-cache';
import { quantileSorted } from '../src/lib/forecast/evaluate/intervals';
import { appendModel, onlineEnsembleForecasts } from '../src/lib/forecast/run/ensemble-online';
import { mergeIdenticalModels } from '../src/lib/forecast/run/duplicates';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
for (const key of (process.env.F ?? 'daily').split(',')) {
  let r: any = mergeIdenticalModels(load(join(tmpdir(), `shelfcast-accuracy-${key}`))).result;
  if (process.env.KEEP) {
    const keep = new Set(process.env.KEEP.split(',').map(Number));
    const rows = [...Array(r.rows).keys()].filter((q) => keep.has(r.rowOrigin[q]));
    const H0 = r.horizon, M0 = r.modelIds.length;
    const pick = (a: Float64Array, w: number) => Float64Array.from({ length: rows.length * w }, (_, t) => a[rows[Math.floor(t / w)] * w + (t % w)]);
    const fc = new Float64Array(M0 * rows.length * H0);
    for (let m = 0; m < M0; m++) rows.forEach((q, n) => fc.set(r.forecast.subarray((m * r.rows + q) * H0, (m * r.rows + q + 1) * H0), (m * rows.length + n) * H0));
    r = { ...r, rows: rows.length, rowSeries: Int32Array.from(rows, (q) => r.rowSeries[q]), rowOrigin: Int32Array.from(rows, (q) => r.rowOrigin[q]), actual: pick(r.actual, H0), forecast: fc, scale: pick(r.scale, 1), lastValue: pick(r.lastValue, 1), level: pick(r.level, 1) };
  }
  r = appendModel(r, 'ensemble', 'E', onlineEnsembleForecasts(r, { k: 2, fallbackModelId: 'stl-ets' }).forecast);
  const H = r.horizon, S = r.seriesIds.length;
  const origins = [...new Set(r.rowOrigin)].sort((a: number, b: number) => a - b);
  const split = origins[Math.floor((origins.length - 1) / 2)];
  // series mean level for terciles
  const lvl = new Float64Array(S), cnt = new Float64Array(S);
  for (let q = 0; q < r.rows; q++) { lvl[r.rowSeries[q]] += r.level[q]; cnt[r.rowSeries[q]]++; }
  const sortedLvl = [...lvl].map((v, i) => v / cnt[i]).sort((a, b) => a - b);
  const t1 = sortedLvl[Math.floor(S / 3)], t2 = sortedLvl[Math.floor((2 * S) / 3)];
  const tercile = (s: number) => (lvl[s] / cnt[s] < t1 ? 0 : lvl[s] / cnt[s] < t2 ? 1 : 2);
  console.log(`\n${key}: split ${split}, ${origins.length} origins`);
  for (let m = Number(process.env.FROM ?? 0); m < r.modelIds.length; m++) {
    const err = (q: number, h: number) => r.actual[q * H + h] - r.forecast[(m * r.rows + q) * H + h];
    // per-series relative spread on calibration: mean |e|/level
    const ratioSum = new Float64Array(S), ratioN = new Float64Array(S);
    for (let q = 0; q < r.rows; q++) if (r.rowOrigin[q] <= split && r.level[q] > 0) for (let h = 0; h < H; h++) { const e = err(q, h); if (Number.isFinite(e)) { ratioSum[r.rowSeries[q]] += Math.abs(e) / r.level[q]; ratioN[r.rowSeries[q]]++; } }
    let gS = 0, gN = 0; for (let s = 0; s < S; s++) { gS += ratioSum[s]; gN += ratioN[s]; }
    const g = gS / gN;
    // groups by the series' mean level over calibration rows
    const ml = new Float64Array(S), mn = new Float64Array(S);
    for (let q = 0; q < r.rows; q++) if (r.rowOrigin[q] <= split) { ml[r.rowSeries[q]] += r.level[q]; mn[r.rowSeries[q]]++; }
    for (let s = 0; s < S; s++) ml[s] = mn[s] ? ml[s] / mn[s] : 0;
    const B = Math.max(1, Math.min(10, Math.floor(S / 20)));
    const order = [...Array(S).keys()].sort((a, b) => ml[a] - ml[b]);
    const bin = new Int32Array(S); order.forEach((s, k) => (bin[s] = Math.floor((k * B) / S)));
    const gs = new Float64Array(B), gn = new Float64Array(B);
    for (let s = 0; s < S; s++) { gs[bin[s]] += ratioSum[s]; gn[bin[s]] += ratioN[s]; }
    const gr = (s: number) => (gn[bin[s]] ? gs[bin[s]] / gn[bin[s]] : g);
    const variants: Record<string, (q: number) => number> = {
      gH: (q) => { const s = r.rowSeries[q]; const n0 = H; return r.level[q] * (ratioSum[s] + n0 * gr(s)) / (ratioN[s] + n0); },
      g2H: (q) => { const s = r.rowSeries[q]; const n0 = 2 * H; return r.level[q] * (ratioSum[s] + n0 * gr(s)) / (ratioN[s] + n0); },
      gOnly: (q) => r.level[q] * gr(r.rowSeries[q]),
      level: (q) => r.level[q],
      mase: (q) => r.scale[q],
      r0: (q) => r.level[q] * (ratioN[r.rowSeries[q]] ? ratioSum[r.rowSeries[q]] / ratioN[r.rowSeries[q]] : g),
      rH: (q) => { const s = r.rowSeries[q]; const n0 = H; return r.level[q] * (ratioSum[s] + n0 * g) / (ratioN[s] + n0); },
    };
    const line: string[] = [];
    for (const [name, sc] of Object.entries(variants)) {
      const errs: number[][] = Array.from({ length: H }, () => []);
      for (let q = 0; q < r.rows; q++) { if (r.rowOrigin[q] > split) continue; const d = sc(q); if (!(d > 0)) continue; for (let h = 0; h < H; h++) { const z = err(q, h) / d; if (Number.isFinite(z)) errs[h].push(z); } }
      const qs = errs.map((l) => { const s = Float64Array.from(l).sort(); return [quantileSorted(s, 0.1), quantileSorted(s, 0.9)]; });
      let inside = 0, n = 0, pin = 0; const tin = [0, 0, 0], tn = [0, 0, 0];
      for (let q = 0; q < r.rows; q++) { if (r.rowOrigin[q] <= split) continue; const d = sc(q) > 0 ? sc(q) : 0; const t = tercile(r.rowSeries[q]);
        for (let h = 0; h < H; h++) { const a = r.actual[q * H + h]; if (!Number.isFinite(a)) continue; const f = r.forecast[(m * r.rows + q) * H + h];
          const lo = Math.max(0, f + d * qs[h][0]), hi = Math.max(0, f + d * qs[h][1]); n++; tn[t]++; if (a >= lo && a <= hi) { inside++; tin[t]++; }
          pin += Math.max(0.1 * (a - lo), -0.9 * (a - lo)) + Math.max(0.9 * (a - hi), -0.1 * (a - hi)); } }
      line.push(`${name} ${(100 * inside / n).toFixed(1)} [${tin.map((x, i) => (100 * x / tn[i]).toFixed(0)).join('/')}] pin ${(pin / n).toPrecision(4)}`);
    }
    console.log(`  ${r.modelIds[m]}: ${line.join(' | ')}`);
  }
}
