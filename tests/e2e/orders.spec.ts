import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './helpers';

/** Items with a recommended order, read from the status filter ("With an order to place (N)"). */
async function itemsToOrder(view: Locator): Promise<number> {
  const text = await view.getByTestId('filter-status').locator('option[value="order"]').textContent();
  return Number(/\((\d+)\)/.exec(text ?? '')![1]);
}

test('demo: forecast in place, plan, approve one and several, reload, see them on order, export CSV and JSON', async ({ page }) => {
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await page.getByTestId('tab-orders').click();
  const view = page.getByTestId('orders-view');

  // The first visit made a quick forecast in the background (issue #14, point 10); a new one can be made here.
  await expect(view.getByTestId('forecast-used')).toBeVisible();
  await view.getByTestId('preset-quick').check();
  await view.getByTestId('make-forecast-here').click();
  await expect(view.getByTestId('forecast-used')).toBeVisible({ timeout: 60_000 });
  await expect(view.getByTestId('run-summary')).toContainText('100 items planned');

  // Badges say their status in words; the table is sorted by urgency; only the rows in view are rendered.
  const table = view.getByTestId('orders-table');
  await expect(table.getByTestId('status-badge').first()).toHaveText('CRITICAL');
  await expect(view.getByTestId('status-counts')).toContainText('REORDER');
  expect(await table.getByTestId('order-row').count()).toBeLessThan(40);
  await expect(view.getByTestId('insights').getByTestId('insight-figure').first()).toBeVisible();

  // A row explains itself in plain language.
  const rows = table.getByTestId('order-row');
  await rows.first().getByTestId('expand-row').click();
  await expect(table.getByTestId('explanation')).toContainText(/CRITICAL: at the forecast rate/);
  await rows.first().getByTestId('expand-row').click();

  const before = await itemsToOrder(view);
  const ids: string[] = [];
  for (let k = 0; k < 5; k++) ids.push((await rows.nth(k).getByTestId('item-name').getAttribute('title'))!);

  // Approve one with one click.
  await rows.nth(0).getByTestId('approve-row').click();
  await expect(view.getByTestId('orders-notice')).toContainText('Approved 1 order line');
  // Edit a quantity, then approve several at once.
  const qty = rows.nth(1).getByTestId('order-qty');
  await qty.fill('999');
  await qty.press('Tab');
  for (const k of [1, 2, 3]) await rows.nth(k).getByTestId('select-row').check();
  await view.getByTestId('approve-selected').click();
  await expect(view.getByTestId('orders-notice')).toContainText('Approved 3 order lines');
  // Reject one: recorded, not counted as on order.
  await rows.nth(4).getByTestId('reject-row').click();
  await expect(view.getByTestId('orders-notice')).toContainText('Rejected 1 order line');
  await expect(view.getByTestId('approved-count')).toHaveText('4');

  // After a reload the lines are still there, and the new run counts them as on order.
  await page.reload();
  await expect(view.getByTestId('run-summary')).toContainText('4 approved order lines counted as on order', { timeout: 30_000 });
  // The engine's inputs were kept when the forecast was saved (issue #13): the new page reads them, never remakes them.
  await expect(view.getByTestId('run-summary')).toHaveAttribute('title', /item forecasts \d+ ms \((read from the saved plan inputs|prepared ahead)\)/);
  await expect(view.getByTestId('approved-count')).toHaveText('4');
  expect(await itemsToOrder(view)).toBeLessThan(before);
  await view.getByTestId('filter-text').fill(ids[1]);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('decision')).toHaveText('APPROVED 999');
  await expect(rows.first().getByTestId('on-order')).toContainText('incl. 999 approved');
  await view.getByTestId('filter-text').fill(ids[4]);
  await expect(rows.first().getByTestId('decision')).toHaveText('REJECTED');
  await expect(rows.first().getByTestId('on-order')).not.toContainText('approved');

  // Export: the purchase-order files.
  const csvDownload = page.waitForEvent('download');
  await view.getByTestId('export-orders-csv').click();
  const csv = readFileSync((await (await csvDownload).path())!, 'utf8').trim().split(/\r?\n/);
  expect(csv[0]).toBe('Store,Item,id,seriesId,quantity,recommendedQuantity,unitCost,value,orderDate,expectedArrivalDate,status,explanation');
  expect(csv).toHaveLength(1 + 4);
  expect(csv.some((line) => line.includes(`,${ids[1]},999,`))).toBe(true);
  const jsonDownload = page.waitForEvent('download');
  await view.getByTestId('export-orders-json').click();
  const doc = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8'));
  expect(doc).toMatchObject({ schema: 'shelfcast.purchase-orders', version: 1, count: 4 });
  expect(doc.orders.map((o: { seriesId: string }) => o.seriesId).sort()).toEqual(ids.slice(0, 4).sort());
});

test('dashboards and the closed loop answer on the demo', async ({ page }) => {
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await page.getByTestId('tab-orders').click();
  const view = page.getByTestId('orders-view');
  await view.getByTestId('preset-quick').check();
  await view.getByTestId('make-forecast-here').click();
  await expect(view.getByTestId('run-summary')).toContainText('100 items planned', { timeout: 60_000 });
  await expect(view.getByTestId('store-view')).toBeVisible();
  await view.getByTestId('store-pick').selectOption('S03');
  await expect(view.getByTestId('store-items').locator('tbody tr')).toHaveCount(20);
  await expect(view.getByTestId('exec-accuracy')).toContainText('Seasonal naive (baseline)');
  await expect(view.getByTestId('exec-risk')).not.toHaveText('0');
  await view.getByTestId('run-closed-loop').click();
  const loop = view.getByTestId('closed-loop-table');
  await expect(loop).toBeVisible({ timeout: 60_000 });
  await expect(loop.locator('tbody tr')).toHaveCount(4);
  await expect(loop).toContainText('Order what sold');

  // The whole tab, with its table, dashboards and closed loop, has no serious accessibility violation.
  const axe = await new AxeBuilder({ page }).include('[data-testid="orders-view"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});
