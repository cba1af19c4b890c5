#!/usr/bin/env node
/**
 * `npm run bench`: builds the app with the benchmark page, serves it, drives real Chromium, and prints one
 * table. Every figure stands next to its reference measured in the same run (bare PapaParse, ...), as a ratio.
 * Benchmarks on ../shared/data are skipped with a message when that folder is absent.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '../shared/data');
const port = 4174;
const base = `http://127.0.0.1:${port}/`;
const rows = [];
const row = (name, value, unit, reference = '', ratio = '', note = '') => rows.push({ name, value, unit, reference, ratio, note });

function build() {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, env: { ...process.env, BENCH: '1' }, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

async function serve() {
  const server = spawn('npx', ['vite', 'preview', '--outDir', 'dist-bench', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return server;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('preview server did not start');
}

const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const launchArgs = ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader'];

/** Records long tasks (> 50 ms) on the main thread from page start. */
const LONGTASK_PROBE = `
  window.__longtasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
`;

async function benchIngest(browser) {
  const file = resolve(shared, 'walmart-recruiting-store-sales/train.csv');
  if (!existsSync(file)) {
    row('ingest train.csv', 'skipped', '', '', '', `${file} is absent`);
    return;
  }
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(LONGTASK_PROBE);
    await page.goto(`${base}?demo=0#data`);
    await page.getByRole('heading', { name: 'Import' }).waitFor();
    await page.evaluate(() => (window.__mark = performance.now()));
    const t0 = Date.now();
    await page.getByTestId('file-sales').setInputFiles(file);
    await page.locator('[data-testid=import-panel][data-status=review]').waitFor({ timeout: 120_000 });
    const t1 = Date.now();
    const workerMs = 1000 * Number.parseFloat(await page.getByTestId('preview-elapsed').textContent());
    await page.getByTestId('commit-import').click();
    await page.locator('[data-testid=import-panel][data-status=done]').waitFor({ timeout: 120_000 });
    const t2 = Date.now();
    const longest = await page.evaluate(() => Math.max(0, ...window.__longtasks.filter((t) => t.start >= window.__mark).map((t) => t.duration)));
    runs.push({ parseMs: t1 - t0, storeMs: t2 - t1, totalMs: t2 - t0, longest, workerMs });
    await context.close();
  }
  const page = await browser.newPage();
  await page.goto(`${base}bench/bench.html`);
  await page.locator('#file').setInputFiles(file);
  const bare = [];
  for (let i = 0; i < 3; i++) bare.push(await page.evaluate(() => window.bench.barePapa()));
  const lib = [];
  for (let i = 0; i < 3; i++) lib.push(await page.evaluate(() => window.bench.ingestLib()));
  await page.close();
  const mb = bare[0].bytes / 1e6;
  const best = runs.reduce((a, b) => (a.totalMs < b.totalMs ? a : b));
  const bareBest = Math.min(...bare.map((b) => b.ms));
  const e2e = mb / (best.totalMs / 1000);
  const papa = mb / (bareBest / 1000);
  row('ingest train.csv (12.8 MB, 421,570 rows): drop → stored', e2e.toFixed(1), 'MB/s', `bare PapaParse ${papa.toFixed(1)} MB/s`, (e2e / papa).toFixed(2), `drop to review ${best.parseMs} ms (worker import ${best.workerMs} ms), commit ${best.storeMs} ms`);
  const libBest = lib.reduce((a, b) => (a.importMs < b.importMs ? a : b));
  const libRate = mb / ((libBest.inspectMs + libBest.importMs) / 1000);
  row('ingest train.csv: parse + validate only (worker, no storage)', libRate.toFixed(1), 'MB/s', `bare PapaParse ${papa.toFixed(1)} MB/s`, (libRate / papa).toFixed(2), `inspect ${libBest.inspectMs.toFixed(0)} ms, import ${libBest.importMs.toFixed(0)} ms`);
  row('ingest: longest main-thread task', Math.max(...runs.map((r) => r.longest)).toFixed(0), 'ms', 'target < 50 ms', '', 'PerformanceObserver longtask, all runs');
}

/** Inventory: simulator throughput and exact (s,S) optimisation in a worker, and a slider move end to end. */
async function benchSim(browser) {
  const page = await browser.newPage();
  await page.goto(`${base}bench/bench.html`);
  const results = await page.evaluate(() => window.bench.sim());
  for (const r of results) {
    if (r.unit === 'item-periods/s') {
      const ten = r.name.includes('Poisson(10)');
      row(`sim: ${r.name}`, (r.value / 1e6).toFixed(1), 'M item-periods/s', 'target ≥ 20 M/s', (r.value / 20e6).toFixed(2), ten ? 'one worker, (s,S), Poisson demand, backorders; the headline figure' : 'one worker');
    } else if (r.unit === 'ms/item') {
      const ten = r.name.includes('Poisson(10)');
      row(`sim: ${r.name}`, r.value.toFixed(3), 'ms/item', ten ? 'target < 5 ms' : '', ten ? (r.value / 5).toFixed(3) : '', 'Zheng-Federgruen, pmf built each time, one worker');
    } else row(`sim: ${r.name}`, r.value.toFixed(1), r.unit, '', '', 'best of 5-10, handlers in a worker');
  }
  const trip = await page.evaluate(() => window.bench.simRoundTrip());
  row('sim: slider move → simulate through the app worker (ZF preset)', trip.medianMs.toFixed(1), 'ms', 'one 60 Hz frame = 16.7 ms', (trip.medianMs / 16.7).toFixed(2), `median of 40 moves, worst ${trip.maxMs.toFixed(1)} ms; RPC + transfer of the trace`);
  await page.close();
}

function printTable() {
  const head = ['benchmark', 'value', 'unit', 'reference', 'ratio', 'note'];
  const data = rows.map((r) => [r.name, String(r.value), r.unit, r.reference, String(r.ratio), r.note]);
  const widths = head.map((h, i) => Math.max(h.length, ...data.map((d) => d[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const d of data) console.log(line(d));
}

build();
const server = await serve();
const browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
try {
  await benchIngest(browser);
  await benchSim(browser);
} finally {
  await browser.close();
  process.kill(-server.pid);
}
printTable();
