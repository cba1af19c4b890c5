import { expect, test, type Page } from '@playwright/test';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveDistCopy, type StaticCopy } from './static-server';

/**
 * Issue #17.4: "Reload to update" in one tab must not reload the others. The built app is served from a copy
 * of dist/ so that a new version can be published mid-session (as hosting.spec.ts does).
 */

let root = '';
let base = '';
let copy: StaticCopy;

test.beforeAll(async () => {
  copy = await serveDistCopy();
  ({ root, base } = copy);
});

test.afterAll(() => copy.close());

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
