import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

// Issue #14, points 9 and 12: a planner checks and approves orders on a phone; a decided row stays inside the table.

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('no tab scrolls sideways, every tab is on screen, and an order can be approved (point 9)', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByTestId('step-data').locator('canvas')).toBeVisible({ timeout: 60_000 });
    for (const tab of ['home', 'data', 'explore', 'forecast', 'inventory', 'orders']) {
      const link = page.getByTestId(`tab-${tab}`);
      const box = (await link.boundingBox())!;
      expect(box.x, `${tab} tab on screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${tab} tab on screen`).toBeLessThanOrEqual(390);
      await link.click();
      await page.waitForTimeout(2500);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `the ${tab} tab scrolls sideways`).toBe(0);
    }
    const view = page.getByTestId('orders-view');
    await expect(view.getByTestId('forecast-used')).toBeVisible({ timeout: 120_000 });
    const row = view.getByTestId('order-row').filter({ has: page.getByTestId('approve-row') }).first();
    await row.scrollIntoViewIfNeeded();
    // Status, item, quantity and the decision buttons are all inside the screen, without scrolling the table.
    for (const id of ['status-badge', 'item-name', 'order-qty', 'approve-row', 'reject-row']) {
      const box = (await row.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, `${id} inside the screen`).toBeLessThanOrEqual(390);
    }
    await row.getByTestId('approve-row').click();
    await expect(view.getByTestId('orders-notice')).toContainText('Approved 1 order line');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    // The phone layout hides columns, not meaning: axe finds nothing serious.
    const axe = await new AxeBuilder({ page }).include('[data-testid="orders-table"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  test('the Forecast tab with its forecast, leaderboard and charts does not scroll sideways (point 9)', async ({ page }) => {
    await page.goto('./#forecast');
    await page.waitForFunction(() => document.documentElement.dataset.demoOrders === 'ready', null, { timeout: 120_000 });
    await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
    await page.getByTestId('make-forecast').click();
    await expect(page.getByTestId('forecast-table')).toBeVisible({ timeout: 120_000 });
    await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: daily item demand' });
    await expect(page.getByTestId('group-totals')).toBeVisible({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
    await expect(page.getByTestId('forecast-table')).toBeVisible({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  });
});

test('after approval a row keeps its chip, quantity and buttons inside its cells (point 12)', async ({ page }) => {
  await page.goto('./#orders');
  const view = page.getByTestId('orders-view');
  await expect(view.getByTestId('forecast-used')).toBeVisible({ timeout: 120_000 });
  const row = view.getByTestId('order-row').filter({ has: page.getByTestId('approve-row') }).first();
  await row.getByTestId('order-qty').fill('593635');
  await row.getByTestId('order-qty').press('Tab');
  await row.getByTestId('approve-row').click();
  await expect(row.getByTestId('decision')).toContainText('APPROVED');
  const rowBox = (await row.boundingBox())!;
  const table = (await view.getByTestId('orders-scroller').boundingBox())!;
  for (const id of ['decision', 'approve-row', 'reject-row', 'order-qty']) {
    const box = (await row.getByTestId(id).boundingBox())!;
    expect(box.x + box.width, `${id} inside the row`).toBeLessThanOrEqual(Math.min(rowBox.x + rowBox.width, table.x + table.width) + 0.5);
  }
  // The quantity is not clipped: its input is wide enough for the number typed.
  const fits = await row.getByTestId('order-qty').evaluate((el) => (el as HTMLInputElement).scrollWidth <= (el as HTMLInputElement).clientWidth);
  expect(fits).toBe(true);
});
