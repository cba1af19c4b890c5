import { expect, type Locator, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/data beside the repo (absent on some machines: tests on it then skip with this message). */
export const SHARED_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
export const hasSharedData = existsSync(SHARED_DATA);
export const SKIP_SHARED = `../shared/data is absent (${SHARED_DATA}): the tests on real public files are skipped`;
export const shared = (relative: string) => resolve(SHARED_DATA, relative);

/** Opens the app; `?demo=0` keeps the first visit from loading the demo workspace. With the demo, waits until the
 * first visit's background work is done (the demo's datasets, then the forecast that readies its orders), so that
 * tests start from a settled workspace. */
export async function openApp(page: Page, { demo = false } = {}): Promise<void> {
  await page.goto(demo ? './#data' : './?demo=0#data');
  await expect(page.getByRole('heading', { name: 'Import' })).toBeVisible();
  if (demo) await waitForDemoOrders(page);
}

/** Waits until the first visit's demo orders are ready (or failed, or never started: not a first visit). */
export async function waitForDemoOrders(page: Page): Promise<void> {
  await expect(page.getByTestId('dataset-row').first()).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => !['pending', 'making'].includes(document.documentElement.dataset.demoOrders ?? ''), null, { timeout: 120_000 });
}

/** Opens the demo workspace on the Forecast tab, showing the weekly store sales; resolves with the forecast view. */
export async function openDemoForecast(page: Page): Promise<Locator> {
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await page.getByTestId('tab-forecast').click();
  const view = page.getByTestId('forecast-view');
  await view.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
  return view;
}

/** Picks files in a drop zone's file input. */
export async function pickFiles(page: Page, role: 'sales' | 'inventory', files: Parameters<Page['setInputFiles']>[1]): Promise<void> {
  await page.getByTestId(`file-${role}`).setInputFiles(files);
}

/** Waits for the import panel to reach one of `statuses`; returns the status reached. */
export async function waitForStatus(page: Page, statuses: string[], timeout = 60_000): Promise<string> {
  const panel = page.getByTestId('import-panel');
  await expect(panel).toHaveAttribute('data-status', new RegExp(`^(${statuses.join('|')})$`), { timeout });
  return (await panel.getAttribute('data-status'))!;
}

/** Number of dataset rows in the Data tab. */
export async function datasetCount(page: Page): Promise<number> {
  return page.getByTestId('dataset-row').count();
}

/** A CSV file payload for setInputFiles. */
export function csv(name: string, text: string | Buffer) {
  return { name, mimeType: 'text/csv', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8') };
}
