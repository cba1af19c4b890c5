/**
 * Times automatic ETS, additive Holt-Winters and STL + ETS on the daily store-item file (82 complete series of
 * 1,826 days; H = 14, 13 origins 28 days apart, the last at day 1,812, so each fit sees 1,476 … 1,812 days) and
 * prints, per model, CPU seconds, ms per fit and WAPE, for this checkout and, with `--before <git ref>`, for the
 * same models at that commit in the same run (its src/lib is extracted with `git archive` to a temp folder).
 *
 *   node -e "import('vite').then(v => v.runnerImport('./scripts/bench-ets.ts'))" -- [--series 82] [--before main]
 *     [--models ets,hw-add,stl-ets] [--before-series 8]
 *
 * `--before-series` runs the old code on the first k series only (it is slow: 0.6 s per ETS fit), and the
 * ratio compares ms per fit; WAPE columns then cover different series sets, so a second line scores the new
 * code on the same k series.
 *
 * `--daily 200` times the scale bench's daily series instead (scripts/bench-scale.mjs's generator, seed 13, 730
 * days; H = 14): a backtest over its 3 origins (688, 702, 716: warm starts after the first) and a single cold
 * selection at day 716 (as "Forecast the future" fits), both for this checkout and `--before` in the same run.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dailyScaleSeries } from '../tests/unit/forecast/models/daily-series';

// The whole argv: `node -e` puts the script's arguments from index 1.
const args = process.argv;
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = process.cwd();
const csv = resolve(root, '../shared/data/store-item-demand-forecasting/retail_sales_sample.csv');
const H = 14;
const STEP = 28;
const LAST = 1826 - H;
const FIRST = LAST - 12 * STEP;

interface Lib {
  runBacktest: typeof import('../src/lib/forecast/evaluate/backtest').runBacktest;
  scoreBacktest: typeof import('../src/lib/forecast/evaluate/score').scoreBacktest;
  createStatModel: typeof import('../src/lib/forecast/models/registry').createStatModel;
}

async function loadLib(src: string): Promise<Lib> {
  const { runBacktest } = await import(/* @vite-ignore */ join(src, 'lib/forecast/evaluate/backtest.ts'));
  const { scoreBacktest } = await import(/* @vite-ignore */ join(src, 'lib/forecast/evaluate/score.ts'));
  const { createStatModel } = await import(/* @vite-ignore */ join(src, 'lib/forecast/models/registry.ts'));
  return { runBacktest, scoreBacktest, createStatModel };
}

/** The scale bench's daily series (scripts/bench-scale.mjs, seed 13), without writing a CSV: the generator the pinned ETS tests use. */
function dailySeries(count: number, periods = 730): Array<{ id: string; values: Float64Array }> {
  return dailyScaleSeries(count, periods).map((values, s) => ({ id: `SKU${s + 1}`, values }));
}

function readSeries(count: number): Array<{ id: string; values: Float64Array }> {
  const lines = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
  const byKey = new Map<string, number[]>();
  for (const line of lines) {
    const [, store, item, sales] = line.split(',');
    const key = `${store}/${item}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(Number(sales));
  }
  // The file is sorted by item, store, date: insertion order is the file's series order.
  return [...byKey]
    .filter(([, v]) => v.length === 1826)
    .slice(0, count)
    .map(([id, v]) => ({ id, values: Float64Array.from(v) }));
}

async function time(lib: Lib, id: string, series: Array<{ id: string; values: Float64Array }>, origins = { first: FIRST, last: LAST, step: STEP }) {
  const model = lib.createStatModel(id as never);
  // CPU time of this process, which a machine shared with other jobs inflates much less than wall time.
  const c0 = process.cpuUsage();
  const result = await lib.runBacktest(series, { models: [model], horizon: H, seasonLength: 7, firstOrigin: origins.first, lastOrigin: origins.last, step: origins.step, yieldIntervalMs: 1e9 });
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  const wape = lib.scoreBacktest(result)[0].overall.wape ?? NaN;
  return { ms, fits: result.rows, wape };
}

/** This checkout's models, and those of the `--before` commit (extracted to a temporary folder) when one is named. */
async function libs(): Promise<{ now: Lib; before: Lib | null; ref: string | undefined }> {
  const now = await loadLib(resolve(root, 'src'));
  const ref = arg('before');
  if (!ref) return { now, before: null, ref };
  const dir = mkdtempSync(join(tmpdir(), 'bench-ets-'));
  execSync(`git archive ${ref} src/lib | tar -x -C ${dir}`, { cwd: root });
  return { now, before: await loadLib(join(dir, 'src')), ref };
}

if (arg('daily')) {
  const series = dailySeries(Number(arg('daily')));
  const { now, before, ref } = await libs();
  console.log(`scale-bench daily, ${series.length} series × 730, H = ${H}${before ? `; before = ${ref}` : ''}`);
  for (const id of (arg('models') ?? 'ets').split(',')) {
    // Each version twice, alternating, so both see the same machine load; the first round warms the JIT.
    for (const round of [1, 2]) for (const [label, origins] of [[`backtest 688…716 (${round})`, { first: 688, last: 716, step: 14 }], [`cold at 716 (${round})`, { first: 716, last: 716, step: 14 }]] as const) {
      const b = before ? await time(before, id, series, origins) : null;
      const a = await time(now, id, series, origins);
      const tail = b ? `   before ${(b.ms / b.fits).toFixed(1)} ms/fit, WAPE ${b.wape.toFixed(3)}, ratio ${(b.ms / b.fits / (a.ms / a.fits)).toFixed(2)}×` : '';
      console.log(`${id.padEnd(8)} ${label.padEnd(21)} ${(a.ms / a.fits).toFixed(1).padStart(6)} ms/fit, WAPE ${a.wape.toFixed(3)}${tail}`);
    }
  }
} else if (!existsSync(csv)) {
  console.log(`skipped: ${csv} not found`);
} else {
  const n = Number(arg('series') ?? 82);
  const models = (arg('models') ?? 'ets,hw-add,stl-ets').split(',');
  const series = readSeries(n);
  const { now, before, ref } = await libs();
  const k = Number(arg('before-series') ?? n);
  const subset = series.slice(0, k);
  console.log(`store-item daily, ${series.length} series, H = ${H}, origins ${FIRST}…${LAST} step ${STEP}${before ? `; before = ${ref} on ${subset.length} series` : ''}`);
  console.log(`${'model'.padEnd(10)} ${'s'.padStart(7)} ${'ms/fit'.padStart(8)} ${'WAPE'.padStart(7)}${before ? `   ${'before ms/fit'.padStart(13)} ${'WAPE (same series: now / before)'.padStart(34)}  ratio` : ''}`);
  for (const id of models) {
    const a = await time(now, id, series);
    let tail = '';
    if (before) {
      const b = await time(before, id, subset);
      const same = k === n ? a : await time(now, id, subset);
      tail = `   ${(b.ms / b.fits).toFixed(1).padStart(13)} ${`${same.wape.toFixed(3)} / ${b.wape.toFixed(3)}`.padStart(34)}  ${(b.ms / b.fits / (a.ms / a.fits)).toFixed(1)}×`;
    }
    console.log(`${id.padEnd(10)} ${(a.ms / 1000).toFixed(1).padStart(7)} ${(a.ms / a.fits).toFixed(1).padStart(8)} ${a.wape.toFixed(3).padStart(7)}${tail}`);
  }
}
