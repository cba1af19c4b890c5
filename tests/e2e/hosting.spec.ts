import { expect, test } from '@playwright/test';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveDistCopy, type StaticCopy } from './static-server';

/**
 * The built app as a planner's IT would host it: copied to a plain static server, under a deep path, with no
 * COOP/COEP headers. The copy is ours to change, so a "new version" can be published mid-session.
 */

const PREFIX = '/teams/planning/shelfcast/';
let root = '';
let base = '';
let copy: StaticCopy;

test.beforeAll(async () => {
  copy = await serveDistCopy(PREFIX);
  ({ root, base } = copy);
});

test.afterAll(() => copy.close());

test('under a sub-path of a plain static server: installable, works without COOP/COEP, forecasts with the demo model', async ({ page }) => {
  await page.goto(`${base}#data`);
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('isolation')).toContainText('Single-core mode');
  // Installable: a manifest with a relative start URL and icons that load from this path.
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(manifestHref!, base).href;
  const manifest = await (await page.request.get(manifestUrl)).json();
  expect(manifest.display).toBe('standalone');
  expect(new URL(manifest.start_url, manifestUrl).href).toBe(base);
  for (const icon of manifest.icons as Array<{ src: string; sizes: string }>) {
    const response = await page.request.get(new URL(icon.src, manifestUrl).href);
    expect(response.status(), icon.src).toBe(200);
  }
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  // Workers, TF.js and its WASM binary all resolve under the sub-path.
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
  await page.getByTestId('saved-models').locator('li', { hasText: 'Pretrained demo LSTM' }).getByTestId('forecast-with-model').click();
  await expect(page.getByTestId('holdout-check')).toBeVisible({ timeout: 90_000 });
});

test('a new version is announced, not forced: the page keeps working until the user reloads', async ({ page }) => {
  await page.goto(`${base}#data`);
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('offline-status')).toContainText('works with the network off', { timeout: 60_000 });
  // A later visit: the page is now served and controlled by the installed version.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  // Publish a new version: the service worker script changes.
  appendFileSync(join(root, 'sw.js'), `\n// new version ${Date.now()}\n`);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  await expect(page.getByTestId('update-ready')).toBeVisible({ timeout: 30_000 });
  // Nothing was reloaded under the user's feet.
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  await page.getByTestId('tab-explore').click();
  await expect(page.getByTestId('update-ready')).toBeVisible();
  // The user applies it: the page reloads on the new version and the workspace is still there.
  await page.getByTestId('update-ready').getByRole('button', { name: 'Reload to update' }).click();
  await page.waitForFunction(() => (window as unknown as { marker?: number }).marker === undefined);
  await expect(page.getByTestId('update-ready')).toHaveCount(0);
  await page.getByTestId('tab-data').click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
});
