/**
 * The scale ladder (issues #13 and #18): synthetic weekly (1k, 10k, 30k, 100k series × 156 weeks) and daily (1k, 5k
 * series × 730 days) sales from one seeded generator, imported into the production build in Chromium, then timed as a
 * user meets them: Explore opened, a backtest (3 origins, the default models), "Forecast the future", the Orders
 * table (with an inventory snapshot of the same items), and the longest main-thread task of each phase.
 *
 *   npm run bench -- scale                           the whole ladder (weekly 1k, 10k, 30k, 100k; daily 1k, 5k)
 *   SCALE_SIZES=weekly-1k,daily-1k npm run bench -- scale     a quick run
 *   SCALE_MODELS=naive,snaive,sdiff-ses ...          another model line-up (default: the app's)
 *   SCALE_ORDERS_PAUSE_MS=5000 ...                   waits that long after the forecast before clicking Orders
 *   SCALE_PHASES=explore,backtest,forecast,orders    the phases to run (default: all; `inventory` imports the snapshot
 *                                                    without opening Orders)
 *   BENCH_DIST=<folder> npm run bench -- scale     times a build made elsewhere (e.g. main's) on the same data
 *   SCALE_PROFILE=1 ...                              CPU-profiles the forecast worker during "Forecast the future"
 *                                                    and prints where its time went (build with BENCH_NO_MINIFY=1)
 *   BENCH_TRACE_DIR=<folder> ...                     writes a Chrome trace of each phase there (`scale-<size>-<phase>.json`,
 *                                                    BENCH_TRACE_JS=1 adds JS samples); scripts/trace-top.mjs reads them
 *
 * Besides the benchmark rows, it prints the ladder as one markdown table (a row per size: import, backtest,
 * forecast, Orders table with the engine's own time, and the longest main-thread task of each phase), the table
 * the README's measured section takes.
 *
 * The CSVs are written once to $SCALE_DIR (default shelfcast-scale in the OS temp folder) and reused. A phase that runs past its
 * time limit (SCALE_TIMEOUT_S, default 600 s each) is reported as not finished, with the progress it reached.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const LADDER = {
  'weekly-1k': { frequency: 'weekly', series: 1_000, periods: 156 },
  'weekly-10k': { frequency: 'weekly', series: 10_000, periods: 156 },
  'weekly-30k': { frequency: 'weekly', series: 30_000, periods: 156 },
  'weekly-100k': { frequency: 'weekly', series: 100_000, periods: 156 },
  'daily-1k': { frequency: 'daily', series: 1_000, periods: 730 },
  'daily-5k': { frequency: 'daily', series: 5_000, periods: 730 },
};
const DEFAULT_SIZES = ['weekly-1k', 'weekly-10k', 'weekly-30k', 'weekly-100k', 'daily-1k', 'daily-5k'];

/** mulberry32: a small seeded generator, the same numbers on every machine. */
function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `date,sku,units` for every series and period (seed 13): a log-normal level per series (median 20 units a
 * period), a yearly cycle (weekly data) or a weekday profile (daily data) of random phase and depth, a slow trend,
 * and noise that grows like √level (count-like), rounded and clipped at 0. Returns the file's path.
 */
async function writeSales(dir, key, { frequency, series, periods }) {
  const file = join(dir, `${key}.csv`);
  if (existsSync(file)) return file;
  const random = createRandom(13);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const stepMs = (frequency === 'weekly' ? 7 : 1) * 86_400_000;
  const start = Date.UTC(2022, 0, 7);
  const dates = Array.from({ length: periods }, (_, t) => new Date(start + t * stepMs).toISOString().slice(0, 10));
  const weekday = [0.8, 0.9, 0.95, 1, 1.1, 1.3, 0.95];
  const out = createWriteStream(`${file}.part`);
  out.write('date,sku,units\n');
  for (let s = 0; s < series; s++) {
    const level = 20 * Math.exp(normal());
    const depth = 0.4 * random();
    const phase = 2 * Math.PI * random();
    const trend = 0.3 * (random() - 0.5);
    const sku = `SKU${String(s + 1).padStart(6, '0')}`;
    let chunk = '';
    for (let t = 0; t < periods; t++) {
      const season = frequency === 'weekly' ? 1 + depth * Math.sin((2 * Math.PI * t) / 52 + phase) : weekday[t % 7] * (1 + depth * Math.sin((2 * Math.PI * t) / 365 + phase));
      const mean = level * season * (1 + (trend * t) / periods);
      const units = Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      chunk += `${dates[t]},${sku},${units}\n`;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(`${file}.part`, file);
  return file;
}

/** Writes `sku,on_hand,lead_time_days` for the same items (seed 14). */
async function writeInventory(dir, key, { series }) {
  const file = join(dir, `${key}-inventory.csv`);
  if (existsSync(file)) return file;
  const random = createRandom(14);
  const lines = ['sku,on_hand,lead_time_days'];
  for (let s = 0; s < series; s++) lines.push(`SKU${String(s + 1).padStart(6, '0')},${Math.floor(200 * random())},${7 + Math.floor(14 * random())}`);
  const out = createWriteStream(`${file}.part`);
  out.end(`${lines.join('\n')}\n`);
  await once(out, 'finish');
  renameSync(`${file}.part`, file);
  return file;
}

/** The longest long task (ms) recorded by the page's PerformanceObserver between two performance.now() marks. */
const longestBetween = (page, from, to) =>
  page.evaluate(([a, b]) => Math.max(0, ...window.__longtasks.filter((t) => t.start >= a && t.start < b).map((t) => t.duration)), [from, to]);
const now = (page) => page.evaluate(() => performance.now());

/** Runs `body`, under a Chrome trace written to $BENCH_TRACE_DIR/scale-<name>.json when that is set. */
async function traced(browser, page, name, body) {
  const dir = process.env.BENCH_TRACE_DIR;
  if (!dir) return body();
  const categories = ['toplevel'];
  if (process.env.BENCH_TRACE_JS === '1') categories.push('devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'disabled-by-default-v8.cpu_profiler');
  await browser.startTracing(page, { categories });
  try {
    return await body();
  } finally {
    const buffer = await browser.stopTracing();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `scale-${name}.json`), buffer);
  }
}

/** Waits for `done()` while sampling the progress text every 500 ms; returns {ms, finished, lastPct, movedPct}. */
async function timed(page, run, done, timeoutMs) {
  const t0 = Date.now();
  await run();
  let lastPct = null;
  let movedPct = null;
  while (Date.now() - t0 < timeoutMs) {
    if (await done()) return { ms: Date.now() - t0, finished: true, lastPct, movedPct };
    const text = await page.locator('[data-testid=forecast-view] .actions progress').first().getAttribute('value', { timeout: 100 }).catch(() => null);
    if (text !== null) {
      lastPct = Number(text);
      if (lastPct > 0 && movedPct === null) movedPct = lastPct;
    }
    await page.waitForTimeout(500);
  }
  return { ms: Date.now() - t0, finished: false, lastPct, movedPct };
}

async function importFile(page, role, file, timeoutMs) {
  await page.getByTestId(`file-${role}`).setInputFiles(file);
  const panel = page.getByTestId('import-panel');
  await panel.and(page.locator('[data-status=review], [data-status=mapping]')).waitFor({ timeout: timeoutMs });
  if ((await panel.getAttribute('data-status')) === 'mapping') {
    await page.getByTestId('run-import').click();
    await page.locator('[data-testid=import-panel][data-status=review]').waitFor({ timeout: timeoutMs });
  }
  await page.getByTestId('commit-import').click();
  await page.locator('[data-testid=import-panel][data-status=done]').waitFor({ timeout: timeoutMs });
}

/**
 * Starts a CPU profile in the page's worker named `name` (CDP, auto-attach without flattening, as cdp-heap.mjs);
 * resolves with a stop function that returns the functions by self time, and writes the .cpuprofile to `file`.
 */
async function profileWorker(context, page, name, file) {
  const cdp = await context.newCDPSession(page);
  const sessions = new Map();
  const waiting = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => e.targetInfo.type === 'worker' && sessions.set(e.targetInfo.title || e.targetInfo.url, e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const msg = JSON.parse(e.message);
    waiting.get(msg.id)?.(msg.result);
    waiting.delete(msg.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const find = () => [...sessions].find(([title]) => title.includes(name))?.[1];
  for (let i = 0; i < 20 && !find(); i++) await new Promise((r) => setTimeout(r, 100));
  const sessionId = find();
  if (!sessionId) throw new Error(`no worker named ${name}: ${[...sessions.keys()].join(', ')}`);
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 1000 });
  await send('Profiler.start');
  return async () => {
    const { profile } = await send('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    const self = new Map();
    const dt = new Map();
    profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    let total = 0;
    for (const node of profile.nodes) {
      const us = dt.get(node.id) ?? 0;
      total += us;
      const { functionName, url, lineNumber } = node.callFrame;
      const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + us);
    }
    await cdp.detach();
    return { totalMs: total / 1000, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, us]) => [k, us / 1000]) };
  };
}

/** Runs the ladder; rows go to `row(name, value, unit, reference, ratio, note)`. */
export async function benchScale(browser, { base, row, LONGTASK_PROBE }) {
  const dir = process.env.SCALE_DIR ?? join(tmpdir(), 'shelfcast-scale');
  mkdirSync(dir, { recursive: true });
  const sizes = (process.env.SCALE_SIZES ?? DEFAULT_SIZES.join(',')).split(',').filter(Boolean);
  const phases = new Set((process.env.SCALE_PHASES ?? 'explore,backtest,forecast,orders').split(','));
  const models = process.env.SCALE_MODELS?.split(',').filter(Boolean) ?? null;
  const limitMs = 1000 * Number(process.env.SCALE_TIMEOUT_S ?? 600);
  const table = [];
  for (const key of sizes) {
    const spec = LADDER[key];
    if (!spec) throw new Error(`invalid SCALE_SIZES entry: ${key} (one of ${Object.keys(LADDER).join(', ')})`);
    const g0 = Date.now();
    const sales = await writeSales(dir, key, spec);
    const inventory = await writeInventory(dir, key, spec);
    const label = `${spec.frequency} ${spec.series.toLocaleString('en')} × ${spec.periods}`;
    console.log(`scale ${key}: data ready (${(statSync(sales).size / 1e6).toFixed(0)} MB, ${((Date.now() - g0) / 1000).toFixed(0)} s)`);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(LONGTASK_PROBE);
    // One ladder row: each cell a time and, in brackets, the longest main-thread task (ms) of that phase.
    const cells = { data: label, import: '–', explore: '–', backtest: '–', forecast: '–', orders: '–', longest: '–' };
    table.push(cells);
    // Each cell is also printed as it is measured, so a long run that is stopped keeps what it had.
    const cell = (value, longMs) => {
      const text = `${value} (${longMs.toFixed(0)} ms)`;
      console.log(`scale ${key}: ${text}`);
      return text;
    };
    try {
      // The first load, traced too: its tasks (module evaluation, the first mount, reading the workspace) are the
      // page's own, whatever the data.
      await traced(browser, page, `${key}-load`, async () => {
        await page.goto(`${base}?demo=0#data`);
        await page.getByRole('heading', { name: 'Import' }).waitFor();
        await page.waitForTimeout(500);
      });
      const loadLong = await longestBetween(page, 0, await now(page));
      row(`scale ${label}: first load`, loadLong.toFixed(0), 'ms', '', '', 'longest main-thread task from navigation to the Import view (empty workspace)');
      let t = Date.now();
      let m0 = await now(page);
      await traced(browser, page, `${key}-import`, () => importFile(page, 'sales', sales, limitMs));
      const importLong = await longestBetween(page, m0, await now(page));
      cells.import = cell(`${((Date.now() - t) / 1000).toFixed(1)} s`, importLong);
      row(`scale ${label}: import`, ((Date.now() - t) / 1000).toFixed(1), 's', '', '', `drop to stored; longest main-thread task ${importLong.toFixed(0)} ms`);
      if (phases.has('orders') || phases.has('inventory')) {
        m0 = await now(page);
        t = Date.now();
        // A second after "done": the lists that follow the new snapshot (Data, Home, Orders) are read then.
        let storedMs = 0;
        await traced(browser, page, `${key}-inventory`, async () => {
          await importFile(page, 'inventory', inventory, limitMs);
          storedMs = Date.now() - t;
          await page.waitForTimeout(1000);
        });
        row(`scale ${label}: import the inventory snapshot`, (storedMs / 1000).toFixed(1), 's', '', '', `drop to stored; longest main-thread task ${(await longestBetween(page, m0, await now(page))).toFixed(0)} ms (to a second after)`);
      }

      if (phases.has('explore')) {
        m0 = await now(page);
        t = Date.now();
        await traced(browser, page, `${key}-explore`, async () => {
          await page.getByTestId('tab-explore').click();
          await page.getByTestId('series-table').locator('tbody tr').first().waitFor({ timeout: limitMs });
          await page.waitForTimeout(300);
        });
        const exploreLong = await longestBetween(page, m0, await now(page));
        cells.explore = cell(`${((Date.now() - t) / 1000).toFixed(2)} s`, exploreLong);
        row(`scale ${label}: open Explore`, ((Date.now() - t) / 1000).toFixed(2), 's', '', '', `click to table; longest main-thread task ${exploreLong.toFixed(0)} ms`);
      }

      if (phases.has('backtest') || phases.has('forecast')) {
        m0 = await now(page);
        t = Date.now();
        const view = page.getByTestId('forecast-view');
        await traced(browser, page, `${key}-open-forecast`, async () => {
          await page.getByTestId('tab-forecast').click();
          await view.getByTestId('run-backtest').waitFor({ timeout: limitMs });
          await page.waitForTimeout(300);
        });
        row(`scale ${label}: open Forecast`, ((Date.now() - t) / 1000).toFixed(2), 's', '', '', `click to settings; longest main-thread task ${(await longestBetween(page, m0, await now(page))).toFixed(0)} ms`);
        const H = spec.frequency === 'weekly' ? 8 : 14;
        // Three origins, H apart, the last window ending at the data's end.
        await view.getByTestId('bt-horizon').fill(String(H));
        await view.getByTestId('bt-step').fill(String(H));
        await view.getByTestId('bt-first').fill(String(spec.periods - 3 * H));
        if (models) {
          for (const box of await view.locator('fieldset input[type=checkbox]').all()) await box.setChecked(models.includes(await box.getAttribute('value')));
        }
        const lineUp = await view.locator('fieldset input[type=checkbox]:checked').evaluateAll((xs) => xs.map((x) => x.value).join(', '));
        m0 = await now(page);
        // The forecast worker starts with the first run: its profile (SCALE_PROFILE) starts right after the click.
        let stopBtProfile = null;
        const runBacktest = async () => {
          await view.getByTestId('run-backtest').click();
          if (process.env.SCALE_PROFILE === '1') stopBtProfile = await profileWorker(context, page, 'forecast', join(dir, `${key}-backtest.cpuprofile`));
        };
        const bt = await traced(browser, page, `${key}-backtest`, () => timed(page, runBacktest, () => view.getByTestId('leaderboard').isVisible(), limitMs));
        const btLong = await longestBetween(page, m0, await now(page));
        if (stopBtProfile) {
          const { totalMs, top } = await stopBtProfile();
          console.log(`forecast worker CPU profile during the backtest, ${label}: ${(totalMs / 1000).toFixed(1)} s sampled; by self time:`);
          for (const [fn, ms] of top) console.log(`  ${(ms / 1000).toFixed(2).padStart(7)} s  ${(100 * ms / totalMs).toFixed(1).padStart(5)} %  ${fn}`);
        }
        cells.backtest = cell(bt.finished ? `${(bt.ms / 1000).toFixed(1)} s` : `not done in ${(bt.ms / 1000).toFixed(0)} s (${bt.lastPct}%)`, btLong);
        row(`scale ${label}: backtest (3 origins)`, bt.finished ? (bt.ms / 1000).toFixed(1) : `> ${(bt.ms / 1000).toFixed(0)}`, 's', '', '', `${bt.finished ? '' : `did not finish (${bt.lastPct}%); `}models ${lineUp}; longest main-thread task ${btLong.toFixed(0)} ms`);
        if (bt.finished && phases.has('forecast')) {
          m0 = await now(page);
          const stopProfile = process.env.SCALE_PROFILE === '1' ? await profileWorker(context, page, 'forecast', join(dir, `${key}-forecast.cpuprofile`)) : null;
          const fc = await traced(browser, page, `${key}-forecast`, () => timed(page, () => view.getByTestId('make-forecast').click(), () => view.getByTestId('export-forecast').isVisible(), limitMs));
          const fcLong = await longestBetween(page, m0, await now(page));
          if (stopProfile) {
            const { totalMs, top } = await stopProfile();
            console.log(`forecast worker CPU profile, ${label}: ${(totalMs / 1000).toFixed(1)} s sampled; by self time:`);
            for (const [fn, ms] of top) console.log(`  ${(ms / 1000).toFixed(2).padStart(7)} s  ${(100 * ms / totalMs).toFixed(1).padStart(5)} %  ${fn}`);
          }
          cells.forecast = cell(fc.finished ? `${(fc.ms / 1000).toFixed(1)} s` : `not done in ${(fc.ms / 1000).toFixed(0)} s (${fc.lastPct}%)`, fcLong);
          row(`scale ${label}: forecast the future`, fc.finished ? (fc.ms / 1000).toFixed(1) : `> ${(fc.ms / 1000).toFixed(0)}`, 's', '', '', `${fc.finished ? '' : `did not finish (${fc.lastPct}%); `}progress first seen above 0% at ${fc.movedPct ?? 'never'}${fc.movedPct === null ? '' : '%'}; longest main-thread task ${fcLong.toFixed(0)} ms`);
        }
      }

      if (phases.has('orders')) {
        m0 = await now(page);
        const orders = page.getByTestId('orders-view');
        const summary = orders.getByTestId('run-summary');
        // The table's first row, not the summary above it, is "the table"; then a second for the parts that mount
        // after it (insights, dashboards) before the phase's longest task is read.
        let ran = false;
        let tableMs = 0;
        // SCALE_ORDERS_PAUSE_MS: a planner who reads the forecast before opening Orders (default 0: the click comes
        // the moment the forecast is shown, while the work its saving started still runs).
        const pauseMs = Number(process.env.SCALE_ORDERS_PAUSE_MS ?? 0);
        if (pauseMs > 0) await page.waitForTimeout(pauseMs);
        await traced(browser, page, `${key}-orders`, async () => {
          t = Date.now();
          await page.getByTestId('tab-orders').click();
          ran = await orders.getByTestId('order-row').first().waitFor({ timeout: limitMs }).then(() => true, () => false);
          tableMs = Date.now() - t;
          await page.waitForTimeout(1000);
        });
        const text = ran ? await summary.textContent() : '';
        // "planned ahead, shown in N ms": the plan was made before the click (the reorder worker's prepare).
        const ahead = /planned ahead/.test(text ?? '');
        const engineMs = ahead ? null : /planned in (\d+) ms/.exec(text ?? '')?.[1];
        const workers = /on (\d+) workers?/.exec(text ?? '')?.[1];
        const ordersLong = await longestBetween(page, m0, await now(page));
        const engine = ahead ? ', planned ahead' : engineMs ? `, engine ${engineMs} ms` : '';
        cells.orders = cell(ran ? `${(tableMs / 1000).toFixed(2)} s${engine}` : 'not shown', ordersLong);
        row(`scale ${label}: Orders table`, ran ? (tableMs / 1000).toFixed(2) : 'not shown', ran ? 's' : '', 'target < 0.3 s (30k)', '', `tab click to table's first row${engine}${workers ? ` on ${workers} workers` : ''}; longest main-thread task ${ordersLong.toFixed(0)} ms`);
        if (ran) {
          // "Run again": the engine alone, the data already loaded in the worker.
          m0 = await now(page);
          t = Date.now();
          // The summary goes while the engine runs and comes back with the new run's figures: watch for both.
          await page.evaluate(() => {
            window.__rerun = new Promise((resolve) => {
              let gone = false;
              const watch = new MutationObserver(() => {
                const s = document.querySelector('[data-testid=run-summary]');
                if (!s) gone = true;
                else if (gone) (watch.disconnect(), resolve());
              });
              watch.observe(document.body, { childList: true, subtree: true });
            });
          });
          await orders.getByTestId('run-engine').click();
          await page.evaluate(() => window.__rerun);
          const againMs = Date.now() - t;
          await page.waitForTimeout(1000);
          const again = /planned in (\d+) ms/.exec((await summary.textContent()) ?? '')?.[1];
          row(`scale ${label}: Orders run again`, (againMs / 1000).toFixed(2), 's', '', '', `click to new summary${again ? `, engine ${again} ms` : ''}; longest main-thread task ${(await longestBetween(page, m0, await now(page))).toFixed(0)} ms`);
        }
      }
      const all = await page.evaluate(() => Math.max(0, ...window.__longtasks.map((x) => x.duration)));
      console.log(`scale ${key}: long tasks over 50 ms [start ms, duration ms]: ${JSON.stringify(await page.evaluate(() => window.__longtasks.map((x) => [Math.round(x.start), Math.round(x.duration)])))}`);
      cells.longest = `${all.toFixed(0)} ms`;
      row(`scale ${label}: longest main-thread task, all phases`, all.toFixed(0), 'ms', 'target < 50 ms (30k), < 100 ms (100k)', '', 'PerformanceObserver longtask, wall time');
    } catch (error) {
      cells.longest = `failed: ${String(error?.message ?? error).split('\n')[0].slice(0, 80)}`;
      row(`scale ${label}`, 'failed', '', '', '', String(error?.message ?? error).split('\n')[0]);
    } finally {
      await context.close();
    }
  }
  printLadder(table, models);
}

/** Prints the ladder as a markdown table: per size, each phase's time and (in brackets) its longest main-thread task. */
function printLadder(table, models) {
  if (table.length === 0) return;
  const head = ['data', 'import', 'open Explore', 'backtest (3 origins)', 'forecast the future', 'Orders table', 'longest task, all phases'];
  const rows = table.map((c) => [c.data, c.import, c.explore, c.backtest, c.forecast, c.orders, c.longest]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((v, i) => v.padEnd(width[i])).join(' | ')} |`;
  console.log(`\nScale ladder (${models ? `models ${models.join(', ')}` : "the app's default models"}; each cell: time (longest main-thread task of that phase, PerformanceObserver wall time); cores: ${navigatorCores()}):`);
  console.log(line(head));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

const navigatorCores = () => String(availableParallelism());
