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
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

async function time(lib: Lib, id: string, series: Array<{ id: string; values: Float64Array }>) {
  const model = lib.createStatModel(id as never);
  // CPU time of this process, which a machine shared with other jobs inflates much less than wall time.
  const c0 = process.cpuUsage();
  const result = await lib.runBacktest(series, { models: [model], horizon: H, seasonLength: 7, firstOrigin: FIRST, lastOrigin: LAST, step: STEP, yieldIntervalMs: 1e9 });
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  const wape = lib.scoreBacktest(result)[0].overall.wape ?? NaN;
  return { ms, fits: result.rows, wape };
}

if (!existsSync(csv)) {
  console.log(`skipped: ${csv} not found`);
} else {
  const n = Number(arg('series') ?? 82);
  const models = (arg('models') ?? 'ets,hw-add,stl-ets').split(',');
  const series = readSeries(n);
  const now = await loadLib(resolve(root, 'src'));
  const ref = arg('before');
  let before: Lib | null = null;
  if (ref) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-ets-'));
    execSync(`git archive ${ref} src/lib | tar -x -C ${dir}`, { cwd: root });
    before = await loadLib(join(dir, 'src'));
  }
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
