import { expect, test, type Page } from '@playwright/test';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';

/**
 * Issue #17.4: "Reload to update" in one tab must not reload the others. The built app is served from a copy
 * of dist/ so that a new version can be published mid-session (as hosting.spec.ts does).
 */

const dist = resolve(import.meta.dirname, '../../dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.bin': 'application/octet-stream',
};

let root = '';
let server: Server;
let base = '';

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shelfcast-update-'));
  cpSync(dist, root, { recursive: true });
  server = createServer((req, res) => {
    let file = join(root, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
});

test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

const mark = (page: Page) => page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
const marker = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker);

test('"Reload to update" in one tab reloads that tab only; the other keeps its page and its prompt', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto(`${base}?demo=0`);
  await expect(page.getByTestId('offline-status')).toContainText('works with the network off', { timeout: 90_000 });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const other = await context.newPage();
  await other.goto(`${base}?demo=0`);
  await other.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await mark(page);
  await mark(other);

  // Publish a new version; both tabs are told.
  appendFileSync(join(root, 'sw.js'), `\n// new version ${Date.now()}\n`);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  await expect(page.getByTestId('update-ready')).toBeVisible({ timeout: 30_000 });
  await expect(other.getByTestId('update-ready')).toBeVisible({ timeout: 30_000 });

  // The user of the first tab applies it: that tab reloads on the new version...
  const taken = other.evaluate(() => new Promise<void>((done) => navigator.serviceWorker.addEventListener('controllerchange', () => done())));
  await page.getByTestId('update-ready').getByRole('button', { name: 'Reload to update' }).click();
  await page.waitForFunction(() => (window as unknown as { marker?: number }).marker === undefined);
  // ...the new worker takes over the other tab too, which is where the bug reloaded it; here it keeps its page.
  await taken;
  await other.waitForTimeout(1500);
  expect(await marker(other)).toBe(42);
  await expect(other.getByTestId('update-ready')).toBeVisible();
});
