/**
 * Bench groups that drive the app's own UI (scripts/bench.mjs prints their rows):
 * - `soak`: train and forecast again and again for SOAK_MINUTES (default 10); the forecast worker's TF.js tensor
 *   count and the page's and worker's JS heap (after a forced GC) are read after every cycle.
 * - `longtasks`: main-thread tasks over 50 ms while the LSTM trains, while the inventory simulates (first run,
 *   slider moves, compare / optimize / playback) and while the reorder engine runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHeapProbe, slope } from './cdp-heap.mjs';
import { topLevelTasks } from './trace-tasks.mjs';

const MB = 1024 * 1024;

/**
 * Waits for the first visit's background forecast of the demo's orders (issue #14, point 10) to finish, so that it
 * does not share the CPU with what a phase measures (`data-demo-orders` on the root element).
 * @param {import('@playwright/test').Page} page
 */
async function demoSettled(page) {
  await page.waitForFunction(() => !['pending', 'making'].includes(document.documentElement.dataset.demoOrders ?? ''), null, { timeout: 180_000 });
}

/**
 * Opens the demo workspace on the Forecast tab with the weekly store sales and the LSTM enabled; resolves once the
 * backend is chosen (the worker's first memory reading is shown then).
 * @param {import('@playwright/test').Page} page
 */
async function openForecastWithLstm(page, base, lstm) {
  await page.goto(`${base}#data`);
  await page.getByTestId('dataset-row').nth(1).waitFor({ timeout: 60_000 });
  await demoSettled(page);
  await page.getByTestId('tab-forecast').click();
  const view = page.getByTestId('forecast-view');
  await view.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
  await view.getByTestId('lstm-enabled').check();
  await view.getByTestId('tf-memory').waitFor({ timeout: 180_000 });
  if (lstm.units) await view.getByTestId('lstm-units').fill(String(lstm.units));
  if (lstm.epochs) await view.getByTestId('lstm-epochs').fill(String(lstm.epochs));
  if (lstm.step) await view.getByTestId('bt-step').fill(String(lstm.step));
  return view;
}

/**
 * Clicks `testId` in the forecast view and waits for the run to finish: the memory reading that follows a
 * successful run (its counter moves on). Throws with the view's error when the run failed.
 */
async function runAndRead(page, view, testId) {
  const before = Number(await view.getByTestId('tf-memory').getAttribute('data-reads'));
  await view.getByTestId(testId).click();
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=tf-memory]')?.getAttribute('data-reads')) > n || !!document.querySelector('[data-testid=forecast-view] .error'),
    before,
    { timeout: 600_000, polling: 200 },
  );
  const error = view.locator('.error');
  if (await error.count()) throw new Error(`${testId} failed: ${await error.first().textContent()}`);
  return Number(await view.getByTestId('tf-memory').getAttribute('data-tensors'));
}

/** Train + forecast cycles in the app for SOAK_MINUTES; rows: cycles, tensors, heap slopes. */
export async function benchSoak(browser, { base, row }) {
  const minutes = Number(process.env.SOAK_MINUTES ?? 10);
  const warmup = 3;
  const lstm = { units: 16, epochs: 5, step: 13 };
  const context = await browser.newContext();
  const page = await context.newPage();
  const probe = await createHeapProbe(context, page);
  const view = await openForecastWithLstm(page, base, lstm);
  const cycles = [];
  const snapshots = async () => ({ page: await probe.snapshot(), worker: await probe.snapshot('forecast') });
  let start = null;
  const t0 = Date.now();
  while (Date.now() - t0 < minutes * 60_000 || cycles.length < warmup + 2) {
    const c0 = Date.now();
    const afterBacktest = await runAndRead(page, view, 'run-backtest');
    const tensors = await runAndRead(page, view, 'make-forecast');
    const heaps = await probe.heaps(['forecast']);
    cycles.push({ minute: (Date.now() - t0) / 60_000, ms: Date.now() - c0, afterBacktest, tensors, page: heaps.page, worker: heaps.workers.forecast ?? NaN });
    const c = cycles[cycles.length - 1];
    console.log(`soak cycle ${cycles.length}: ${(c.ms / 1000).toFixed(1)} s, tensors ${afterBacktest}/${tensors}, heap page ${(c.page / MB).toFixed(2)} MB, worker ${(c.worker / MB).toFixed(2)} MB`);
    if (cycles.length === warmup) start = await snapshots();
  }
  const end = await snapshots();
  await probe.close();
  await context.close();
  const after = cycles.slice(warmup);
  const counts = [...new Set(after.flatMap((c) => [c.afterBacktest, c.tensors]))];
  const slopes = (key) => {
    const perCycle = slope(after.map((_, i) => i), after.map((c) => c[key])) / MB;
    const perMinute = slope(after.map((c) => c.minute), after.map((c) => c[key])) / MB;
    // The second half's slope alone: a leak keeps its pace, warm-up effects (JIT code, the browser's bounded
    // performance-entry buffers) fade.
    const late = after.slice(Math.floor(after.length / 2));
    const latePerCycle = slope(late.map((_, i) => i), late.map((c) => c[key])) / MB;
    const first = after[0][key] / MB;
    const last = after[after.length - 1][key] / MB;
    return { perCycle, perMinute, note: `${kb(perCycle)} KB/cycle (second half ${kb(latePerCycle)}); ${first.toFixed(2)} → ${last.toFixed(2)} MB over cycles ${warmup + 1}-${cycles.length}` };
  };
  const how = `demo weekly store sales, LSTM ${lstm.units} units, ≤ ${lstm.epochs} epochs, backtest step ${lstm.step}, then a forecast (final fit, saved)`;
  row(`soak: backtest + forecast cycles in the app (${minutes} min)`, cycles.length, 'cycles', '', '', `${how}; median cycle ${(median(cycles.map((c) => c.ms)) / 1000).toFixed(1)} s; first ${warmup} are warm-up`);
  row('soak: TF.js tensors in the forecast worker after each run', counts.length === 1 ? counts[0] : `${Math.min(...counts)}-${Math.max(...counts)}`, 'tensors', 'identical at every cycle', '', counts.length === 1 ? `the same after all ${after.length * 2} runs after warm-up` : `CHANGES: ${after.map((c) => c.tensors).join(' ')}`);
  // Heap snapshots after the warm-up and at the end split the growth into objects and compiled code.
  const n = cycles.length - warmup;
  const split = (key) => `snapshots: objects ${kbPerCycle(end[key].objects - start[key].objects, n)}, compiled code ${kbPerCycle(end[key].code - start[key].code, n)}`;
  const worker = slopes('worker');
  row('soak: forecast worker JS heap after GC, slope', worker.perMinute.toFixed(3), 'MB/min', 'flat', '', `${worker.note}; ${split('worker')}`);
  const main = slopes('page');
  row('soak: page JS heap after GC, slope', main.perMinute.toFixed(3), 'MB/min', 'flat', '', `${main.note}; ${split('page')}; the saved-run lists grow by 3 entries a cycle by design`);
}

const kb = (mb) => `${mb >= 0 ? '+' : ''}${(mb * 1024).toFixed(1)}`;
const kbPerCycle = (bytes, cycles) => `${bytes >= 0 ? '+' : ''}${(bytes / 1024 / cycles).toFixed(1)} KB/cycle`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Waits until the app's render queue (src/ui/render-queue.ts) has run dry since it last got work, so a phase's
 * measurement includes every chart, formula and deferred section it queued. A build without these marks (an
 * older app) never waits.
 */
async function renderIdle(page) {
  await page.waitForFunction(() => {
    const busy = performance.getEntriesByName('shelfcast-render-busy')[0];
    const idle = performance.getEntriesByName('shelfcast-render-idle')[0];
    return !busy || (!!idle && idle.startTime >= busy.startTime);
  }, null, { polling: 100, timeout: 30_000 });
}

/**
 * Runs `body` and reports the main-thread tasks over 50 ms it caused: from the page's PerformanceObserver
 * (LONGTASK_PROBE, wall time) and, from a Chrome trace of the same span, the most main-thread CPU time any one
 * task took (on a busy machine wall time counts the time other processes held the core; CPU time does not).
 * To see what a long task does: BENCH_TRACE_DIR=dir writes each phase's trace there (`<phase>.json`, open it in
 * the DevTools Performance panel or ui.perfetto.dev), BENCH_TRACE_JS=1 adds the JS sampling profiler and call
 * stacks to it, and BENCH_NO_MINIFY=1 (read by vite.config.ts) keeps function names readable. The extra trace
 * categories cost main-thread time of their own, so figures measured with BENCH_TRACE_JS are not comparable.
 */
export async function measureLongTasks(browser, page, phase, body) {
  await page.evaluate(() => (window.__mark = performance.now()));
  const categories = ['toplevel'];
  if (process.env.BENCH_TRACE_JS === '1') {
    categories.push('devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'disabled-by-default-v8.cpu_profiler');
  }
  await browser.startTracing(page, { categories });
  const t0 = Date.now();
  let buffer;
  try {
    await body();
    await renderIdle(page);
  } finally {
    buffer = await browser.stopTracing();
  }
  const ms = Date.now() - t0;
  if (process.env.BENCH_TRACE_DIR) {
    mkdirSync(process.env.BENCH_TRACE_DIR, { recursive: true });
    writeFileSync(join(process.env.BENCH_TRACE_DIR, `${phase}.json`), buffer);
  }
  const tasks = await page.evaluate(() => window.__longtasks.filter((t) => t.start >= window.__mark).map((t) => t.duration));
  const events = JSON.parse(buffer.toString()).traceEvents;
  // Top-level tasks only, with their main-thread CPU time, ms.
  const cpus = topLevelTasks(events).tasks.map((e) => (e.tdur ?? 0) / 1000);
  return { ms, longest: Math.max(0, ...tasks), count: tasks.length, cpu: Math.max(0, ...cpus), cpuCount: cpus.filter((c) => c > 50).length };
}

function longTaskRow(row, name, m, what) {
  row(`long tasks: ${name}`, m.longest.toFixed(0), 'ms', 'target < 50 ms', (m.longest / 50).toFixed(1), `${m.count} task(s) > 50 ms in ${(m.ms / 1000).toFixed(1)} s; by main-thread CPU time (trace): longest ${m.cpu.toFixed(0)} ms, ${m.cpuCount} over 50 ms; ${what}`);
}

/** Long tasks while the LSTM trains in the app (backtest refits, then the final fit and forecast). */
async function longTasksTraining(browser, { base, row, LONGTASK_PROBE }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(LONGTASK_PROBE);
  const lstm = { epochs: 20, step: 13 };
  const view = await openForecastWithLstm(page, base, lstm);
  const m = await measureLongTasks(browser, page, 'train', async () => {
    await runAndRead(page, view, 'run-backtest');
    await runAndRead(page, view, 'make-forecast');
    await page.waitForTimeout(500);
  });
  longTaskRow(row, 'LSTM training in the app (Forecast tab)', m, `demo weekly store sales, LSTM 32 units ≤ ${lstm.epochs} epochs, backtest step ${lstm.step} then forecast; loss chart, leaderboard and forecast charts drawn`);
  await context.close();
}

/** Long tasks in the Inventory tab: the first simulation, slider moves, then compare, optimize and playback. */
async function longTasksSimulation(browser, { base, row, LONGTASK_PROBE }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(LONGTASK_PROBE);
  await page.goto(`${base}?demo=0#data`);
  await page.getByRole('heading', { name: 'Import' }).waitFor();
  const open = await measureLongTasks(browser, page, 'inventory-open', async () => {
    await page.getByTestId('tab-inventory').click();
    await page.getByTestId('kpi-cost').waitFor();
    await page.getByTestId('formula-ss-cost-value').filter({ hasNotText: '…' }).waitFor();
    await page.waitForTimeout(500);
  });
  longTaskRow(row, 'simulation: open the Inventory tab, first run', open, 'Zheng-Federgruen preset: view, formulas, 4 playback charts, KPIs, exact cost');
  const sliders = await measureLongTasks(browser, page, 'sliders', async () => {
    await page.getByTestId('inv-S').focus();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press(i < 10 ? 'ArrowLeft' : 'ArrowRight');
      await page.waitForTimeout(50);
    }
    const box = await page.getByTestId('inv-s').boundingBox();
    await page.mouse.move(box.x + 5, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 0; i < 30; i++) {
      await page.mouse.move(box.x + 5 + (i * box.width) / 40, box.y + box.height / 2);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    await page.waitForTimeout(800);
  });
  longTaskRow(row, 'simulation: slider moves', sliders, '20 arrow keys on S (50 ms apart), then s dragged over 30 mouse moves (16 ms apart)');
  const more = await measureLongTasks(browser, page, 'compare-optimize-play', async () => {
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-row').nth(4).waitFor({ timeout: 60_000 });
    await page.getByTestId('optimize').click();
    await page.getByTestId('opt-s').waitFor({ timeout: 60_000 });
    await page.getByTestId('play').click();
    await page.waitForTimeout(2000);
    await page.getByTestId('play').click();
    await page.waitForTimeout(300);
  });
  longTaskRow(row, 'simulation: compare, optimize, 2 s of playback', more, 'five policies with replications, exact (s,S) search with its heat map, playback at the default speed');
  await context.close();
}

/** Long tasks in the Orders tab: a forecast made in place, the reorder run and its table, then re-runs. */
async function longTasksReorder(browser, { base, row, LONGTASK_PROBE }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(LONGTASK_PROBE);
  await page.goto(`${base}#data`);
  await page.getByTestId('dataset-row').nth(1).waitFor({ timeout: 60_000 });
  await demoSettled(page);
  const view = page.getByTestId('orders-view');
  const first = await measureLongTasks(browser, page, 'orders-open', async () => {
    await page.getByTestId('tab-orders').click();
    await view.getByTestId('status-counts').waitFor();
    await view.getByTestId('preset-quick').check();
    // The demo opens with a forecast made at the first visit: wait for the new one (its name and time differ).
    const used = (await view.getByTestId('forecast-used').count()) ? await view.getByTestId('forecast-used').textContent() : null;
    await view.getByTestId('make-forecast-here').click();
    await (used ? view.getByTestId('forecast-used').filter({ hasNotText: used }) : view.getByTestId('forecast-used')).waitFor({ timeout: 120_000 });
    await view.getByTestId('run-summary').filter({ hasText: 'items planned' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
  });
  longTaskRow(row, 'reorder: open the Orders tab, forecast in place, run', first, 'demo (100 items): quick forecast in the worker, engine run, table, insights and dashboards');
  const reruns = await measureLongTasks(browser, page, 'orders-reruns', async () => {
    for (let i = 0; i < 3; i++) {
      const summary = await view.getByTestId('run-summary').textContent();
      await view.getByTestId('opt-review').fill(String(8 + i));
      await view.getByTestId('run-summary').filter({ hasNotText: summary }).waitFor({ timeout: 60_000 });
    }
    await page.waitForTimeout(500);
  });
  longTaskRow(row, 'reorder: three re-runs after settings changes', reruns, 'review period 8, 9, 10 days: engine run in the worker, table and dashboards redrawn');
  await context.close();
}

/** The long-task phases: all, or those named in LONGTASKS (e.g. LONGTASKS=sim,reorder). */
export async function benchLongTasks(browser, ctx) {
  const phases = { train: longTasksTraining, sim: longTasksSimulation, reorder: longTasksReorder };
  const only = (process.env.LONGTASKS ?? '').split(',').filter((p) => p in phases);
  for (const [name, run] of Object.entries(phases)) if (only.length === 0 || only.includes(name)) await run(browser, ctx);
}
