/**
 * Where the Orders tab's time goes at catalogue scale (issue #13): imports a synthetic weekly dataset and its
 * inventory snapshot (the scale bench's files, scripts/bench-scale.mjs), makes a quick forecast (naive and seasonal
 * naive: the same record shapes as the default line-up, sooner), then traces the tab's first open and a "Run again"
 * in Chrome with the JS sampler on and prints, per thread (page and each worker), the functions by self time and
 * the main thread's longest tasks.
 *
 *   npx vite build --outDir dist-bench (with BENCH_NO_MINIFY=1 for readable names), then
 *   PROFILE_DIST=dist-bench PROFILE_SIZE=weekly-30k PROFILE_PORT=5184 node scripts/profile-orders.mjs
 *
 * Traces are written to $PROFILE_OUT (default: the OS temp folder) as orders-open.json and orders-again.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { topLevelTasks } from './trace-tasks.mjs';

const port = Number(process.env.PROFILE_PORT ?? 5184);
const base = `http://127.0.0.1:${port}/`;
const dist = process.env.PROFILE_DIST ?? 'dist-bench';
const size = process.env.PROFILE_SIZE ?? 'weekly-30k';
const dir = process.env.SCALE_DIR ?? join(tmpdir(), 'shelfcast-scale');
const out = process.env.PROFILE_OUT ?? tmpdir();
const sales = join(dir, `${size}.csv`);
const inventory = join(dir, `${size}-inventory.csv`);
if (!existsSync(sales) || !existsSync(inventory)) throw new Error(`${sales} or its inventory is missing: run the scale bench once for ${size}`);

const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 200));
}
const browser = await chromium.launch({ executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined, args: ['--headless=new', '--no-sandbox'] });
const CATEGORIES = ['toplevel', 'devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler'];

async function importFile(page, role, file) {
  await page.getByTestId(`file-${role}`).setInputFiles(file);
  const panel = page.getByTestId('import-panel');
  await panel.and(page.locator('[data-status=review], [data-status=mapping]')).waitFor({ timeout: 600_000 });
  if ((await panel.getAttribute('data-status')) === 'mapping') {
    await page.getByTestId('run-import').click();
    await page.locator('[data-testid=import-panel][data-status=review]').waitFor({ timeout: 600_000 });
  }
  await page.getByTestId('commit-import').click();
  await page.locator('[data-testid=import-panel][data-status=done]').waitFor({ timeout: 600_000 });
}

/** Functions by self time per thread, and the main thread's longest top-level tasks, from a trace's events. */
function summarize(events, label) {
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const nodes = new Map();
  const self = new Map();
  const clocks = new Map();
  for (const e of events) if (e.name === 'Profile') clocks.set(`${e.pid}:${e.id}`, { tid: `${e.pid}:${e.tid}`, t: e.args.data.startTime });
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const clock = clocks.get(`${e.pid}:${e.id}`);
    if (!clock) continue;
    const profile = e.args.data.cpuProfile ?? {};
    for (const n of profile.nodes ?? []) nodes.set(`${e.pid}:${e.id}:${n.id}`, n);
    const deltas = e.args.data.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const n = nodes.get(`${e.pid}:${e.id}:${id}`);
      const f = n?.callFrame ?? {};
      const key = `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}:${(f.lineNumber ?? 0) + 1}` : ''}`;
      const thread = names.get(clock.tid) ?? clock.tid;
      if (!self.has(thread)) self.set(thread, new Map());
      const m = self.get(thread);
      m.set(key, (m.get(key) ?? 0) + (deltas[i] ?? 0));
    });
  }
  console.log(`\n=== ${label}`);
  for (const [thread, m] of self) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const busy = total - (m.get('(idle)') ?? 0) - (m.get('(program)') ?? 0);
    if (busy < 5000) continue;
    console.log(`-- ${thread}: ${(busy / 1000).toFixed(0)} ms busy of ${(total / 1000).toFixed(0)} ms sampled`);
    for (const [k, us] of [...m].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`   ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  }
  const main = new Set([...names].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k));
  const { tasks, t0 } = topLevelTasks(events, main);
  console.log(`-- main-thread tasks over 16 ms: ${tasks.filter((t) => t.dur > 16000).sort((a, b) => b.dur - a.dur).slice(0, 10).map((t) => `${(t.dur / 1000).toFixed(0)} ms at +${((t.ts - t0) / 1000).toFixed(0)}`).join(', ')}`);
}

try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const echo = (m) => m.text().startsWith('PROF') && console.log(m.text());
  page.on('console', echo);
  page.on('worker', (w) => w.on?.('console', echo));
  await page.goto(`${base}?demo=0#data`);
  await page.getByRole('heading', { name: 'Import' }).waitFor();
  let t = Date.now();
  await importFile(page, 'sales', sales);
  await importFile(page, 'inventory', inventory);
  console.log(`imported in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await page.getByTestId('tab-forecast').click();
  const view = page.getByTestId('forecast-view');
  const H = size.startsWith('weekly') ? 8 : 14;
  const periods = size.startsWith('weekly') ? 156 : 730;
  await view.getByTestId('bt-horizon').fill(String(H));
  await view.getByTestId('bt-step').fill(String(H));
  await view.getByTestId('bt-first').fill(String(periods - 3 * H));
  for (const box of await view.locator('fieldset input[type=checkbox]').all()) await box.setChecked(['naive', 'snaive'].includes(await box.getAttribute('value')));
  t = Date.now();
  await view.getByTestId('run-backtest').click();
  await view.getByTestId('leaderboard').waitFor({ timeout: 600_000 });
  await view.getByTestId('make-forecast').click();
  await view.getByTestId('export-forecast').waitFor({ timeout: 600_000 });
  console.log(`backtest and forecast in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await page.waitForTimeout(1000);

  const trace = process.env.PROFILE_TRACE !== '0';
  const startTracing = () => (trace ? browser.startTracing(page, { categories: CATEGORIES }) : Promise.resolve());
  const stopTracing = () => (trace ? browser.stopTracing() : Promise.resolve(Buffer.from('{"traceEvents":[]}')));
  await startTracing();
  t = Date.now();
  await page.getByTestId('tab-orders').click();
  await page.getByTestId('order-row').first().waitFor({ timeout: 600_000 });
  const openMs = Date.now() - t;
  await page.waitForTimeout(1500);
  let buffer = await stopTracing();
  writeFileSync(join(out, 'orders-open.json'), buffer);
  console.log(`tab click to first row ${openMs} ms; ${await page.getByTestId('run-summary').textContent()} (${await page.getByTestId('run-summary').getAttribute('title')})`);
  summarize(JSON.parse(buffer.toString()).traceEvents, 'first open');

  await startTracing();
  await page.getByTestId('run-engine').click();
  await page.waitForTimeout(2500);
  buffer = await stopTracing();
  writeFileSync(join(out, 'orders-again.json'), buffer);
  console.log(`again: ${await page.getByTestId('run-summary').textContent()} (${await page.getByTestId('run-summary').getAttribute('title')})`);
  summarize(JSON.parse(buffer.toString()).traceEvents, 'run again');
} finally {
  await browser.close();
  process.kill(-server.pid);
}
