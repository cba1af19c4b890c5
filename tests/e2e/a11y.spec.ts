import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

/** Runs axe-core on the page; fails on serious or critical violations, listing them. */
async function expectNoSeriousViolations(page: import('@playwright/test').Page, where: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

test('every tab passes an automated accessibility check with no serious violations', async ({ page }) => {
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  await expectNoSeriousViolations(page, 'Data');
  await page.getByTestId('tab-explore').click();
  await expect(page.getByTestId('series-table')).toBeVisible();
  await expectNoSeriousViolations(page, 'Explore');
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
  await page.getByTestId('bt-step').fill('8');
  await page.getByTestId('run-backtest').click();
  await expect(page.getByTestId('leaderboard')).toBeVisible({ timeout: 120_000 });
  await expectNoSeriousViolations(page, 'Forecast');
  // Every tab must exist: a missing one fails here rather than being skipped. Each is checked once it has
  // settled (its first result shown and every deferred section mounted), not after a fixed wait.
  await page.getByTestId('tab-inventory').click();
  const inventory = page.getByTestId('inventory');
  await expect(inventory.getByTestId('kpi-cost')).toBeVisible({ timeout: 60_000 });
  await expect(inventory.getByTestId('kpi-cards')).not.toHaveAttribute('aria-busy', 'true');
  await expect(inventory.locator('.pending')).toHaveCount(0);
  await expectNoSeriousViolations(page, 'Inventory');
  await page.getByTestId('tab-orders').click();
  const orders = page.getByTestId('orders-view');
  await expect(orders.getByTestId('status-counts')).toBeVisible({ timeout: 60_000 });
  await expect(orders.locator('.pending')).toHaveCount(0);
  await expect(orders.getByTestId('orders-table')).toBeVisible();
  await expectNoSeriousViolations(page, 'Orders');
});

test('the import flow is usable by keyboard alone, with a visible focus', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Tab');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.textContent?.trim() ?? '');
  const seen: string[] = [];
  const invisible: string[] = [];
  for (let i = 0; i < 12; i++) {
    const name = await focused();
    seen.push(name);
    // The focus ring is on the element, or on its label for the visually hidden file inputs.
    const visible = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      if (el === document.body) return true; // past the last control, focus leaves the page
      const ring = (e: Element | null) => !!e && getComputedStyle(e).outlineStyle !== 'none' && getComputedStyle(e).outlineWidth !== '0px';
      return ring(el) && el.getBoundingClientRect().width > 2 ? true : ring(el.closest('label'));
    });
    if (!visible) invisible.push(name);
    await page.keyboard.press('Tab');
  }
  expect(invisible).toEqual([]);
  expect(seen).toContain('tab-forecast');
  expect(seen).toContain('file-sales');
  expect(seen).toContain('load-demo');
});
