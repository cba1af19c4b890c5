// Screenshots of every view at a laptop size (1440×900) and a phone size (390×844), from the production build
// (`npx vite build` first), on the demo workspace. Writes docs/screenshots/<view>-<size>.png and reports, per view,
// whether the page scrolls sideways. Usage: node scripts/screenshots.mjs [port]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { existsSync } from 'node:fs';

// As tests/e2e/launch.ts (a .ts file plain node cannot import).
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const chromiumArgs = ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader'];

const port = Number(process.argv[2] ?? process.env.E2E_PORT ?? 4204);
const base = `http://127.0.0.1:${port}/`;
const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
const stop = () => { try { process.kill(-server.pid); } catch { /* gone */ } };
process.on('exit', stop);
for (let i = 0; i < 60; i++) {
  try { if ((await fetch(base)).ok) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 500));
}

const browser = await chromium.launch({ executablePath: systemChromium, args: chromiumArgs });
const sizes = { laptop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };
const context = await browser.newContext({ viewport: sizes.laptop, deviceScaleFactor: 1 });
const page = await context.newPage();
await page.goto(`${base}#home`);
await page.getByTestId('dataset-row').or(page.getByTestId('step-data')).first().waitFor();
// Wait for the demo and its background forecast (the Orders plan), then make a Forecast-tab forecast.
await page.waitForFunction(() => document.querySelector('[data-testid=step-data] canvas'), null, { timeout: 90_000 });
await page.goto(`${base}#forecast`);
await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
await page.getByTestId('make-forecast').click();
await page.getByTestId('forecast-totals').waitFor({ timeout: 180_000 });
await page.goto(`${base}#orders`);
await page.getByTestId('run-summary').waitFor({ timeout: 180_000 });
await page.waitForFunction(() => !document.querySelector('[data-testid=no-forecast]') && document.querySelector('[data-testid=forecast-used]'), null, { timeout: 180_000 });

const views = ['home', 'data', 'explore', 'forecast', 'inventory', 'orders'];
for (const [size, viewport] of Object.entries(sizes)) {
  await page.setViewportSize(viewport);
  for (const view of views) {
    await page.goto(`${base}#${view}`);
    await page.waitForTimeout(view === 'home' ? 1500 : 3000);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.screenshot({ path: `${out}/${view}-${size}.png`, fullPage: false });
    console.log(`${view} ${size}: ${wide > 0 ? `scrolls sideways by ${wide}px` : 'no sideways scroll'}`);
  }
}
await browser.close();
stop();
process.exit(0);
