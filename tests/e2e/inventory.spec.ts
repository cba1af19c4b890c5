import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './helpers';

/** Opens the Inventory tab and waits for the first simulation (the Zheng–Federgruen preset). */
async function openInventory(page: Page, options: { demo?: boolean } = {}): Promise<void> {
  await openApp(page, options);
  await page.getByTestId('tab-inventory').click();
  await expect(page.getByTestId('kpi-cost')).toBeVisible();
}

const period = async (page: Page) => Number(await page.getByTestId('period-readout').getAttribute('data-period'));

test('plays a run: Play animates the periods, Pause stops, Step moves one period either way', async ({ page }) => {
  await openInventory(page);
  // A finished run shows every period (30 warm-up + 180).
  await expect(page.getByTestId('period-readout')).toHaveAttribute('data-period', '210');
  await page.getByTestId('speed').selectOption('50');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => period(page)).toBeGreaterThan(20);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  const paused = await period(page);
  expect(paused).toBeLessThan(210);
  await page.waitForTimeout(300);
  expect(await period(page)).toBe(paused);
  await page.getByTestId('step').click();
  expect(await period(page)).toBe(paused + 1);
  await page.getByTestId('step-back').click();
  await page.getByTestId('step-back').click();
  expect(await period(page)).toBe(paused - 1);
  await expect(page.getByTestId('period-readout')).toContainText(`Period ${paused - 1} of 210`);
  // The event log follows the cursor: nothing after it.
  const periods = await page.getByTestId('event-row').locator('td:first-child').allTextContents();
  expect(periods.length).toBeGreaterThan(0);
  for (const p of periods) expect(Number(p)).toBeLessThanOrEqual(paused - 1);
});

test('moving a slider recomputes at once: formulas, exact cost and KPIs change', async ({ page }) => {
  await openInventory(page);
  const eoq = page.getByTestId('formula-eoq-value');
  const exact = page.getByTestId('formula-ss-cost-value');
  const kpi = page.getByTestId('kpi-cost');
  await expect(eoq).toHaveText('35.78');
  await expect(exact).not.toHaveText('…');
  const exactBefore = await exact.textContent();
  const kpiBefore = await kpi.textContent();
  // Keyboard on the S slider (arrow keys move it by one unit): the exact cost and the simulation follow.
  await page.getByTestId('inv-S').focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('inv-S-exact')).toHaveValue('40');
  // Six requests in quick succession: the run on screen is the last one's, never an earlier one's.
  await expect(page.getByTestId('inventory-playback').getByRole('heading')).toContainText('(10, 40)');
  await expect(page.getByTestId('kpi-cards')).not.toHaveAttribute('aria-busy', 'true');
  await expect(exact).not.toHaveText(exactBefore!);
  await expect(kpi).not.toHaveText(kpiBefore!);
  // Typing an exact holding cost: the EOQ √(2DK/h) = √(2·10·64/4) = 17.89.
  await page.getByTestId('inv-h-exact').fill('4');
  await page.getByTestId('inv-h-exact').press('Enter');
  await expect(eoq).toHaveText('17.89');
  await expect(page.getByTestId('formula-eoq')).toContainText('2⋅10⋅64');
});

test('compares policies on the same demand, with confidence intervals from replications', async ({ page }) => {
  await openInventory(page);
  await page.getByTestId('compare').click();
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.last()).toContainText('Optimal (s,S) = (6, 40)');
  for (const row of await rows.all()) await expect(row).toContainText('±');
  await expect(page.getByTestId('compare-table')).toContainText('lowest cost');
  await expect(page.getByTestId('inventory-compare').getByRole('img')).toHaveAttribute('aria-label', /Cost per period with 95 % confidence intervals/);
});

test('Optimize finds s = 6, S = 40 (cost 35.022) for the Zheng–Federgruen preset and marks it on the cost surface', async ({ page }) => {
  await openInventory(page);
  await page.getByTestId('preset-eoq').click();
  await page.getByTestId('preset-zheng-federgruen').click();
  await expect(page.getByTestId('preset-explanation')).toContainText('(6, 40)');
  await page.getByTestId('optimize').click();
  await expect(page.getByTestId('opt-s')).toHaveText('6');
  await expect(page.getByTestId('opt-S')).toHaveText('40');
  await expect(page.getByTestId('opt-cost')).toHaveText('35.022');
  const heatmap = page.getByTestId('cost-heatmap').getByRole('img');
  await expect(heatmap).toHaveAttribute('aria-label', /optimum, marked with a star, is s = 6, S = 40 at 35\.022/);
  await page.getByTestId('apply-optimum').click();
  await expect(page.getByTestId('inv-s-exact')).toHaveValue('6');
  await expect(page.getByTestId('inv-S-exact')).toHaveValue('40');
  await expect(page.getByTestId('formula-ss-cost-value')).toHaveText('35.02');
  await expect(page.getByTestId('opt-result')).toContainText('The sliders are at the optimum');
});

test('saves a run, finds it after a reload, and opens it', async ({ page }) => {
  await openInventory(page);
  await page.getByTestId('run-name').fill('My ZF run');
  await page.getByTestId('save-run').click();
  await expect(page.getByTestId('saved-status')).toContainText('My ZF run');
  await expect(page.getByTestId('saved-run')).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('kpi-cost')).toBeVisible();
  const row = page.getByTestId('saved-run');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('My ZF run');
  await expect(row).toContainText('(10, 46)');
  await page.getByTestId('inv-S-exact').fill('60');
  await page.getByTestId('inv-S-exact').press('Enter');
  await row.getByTestId('open-run').click();
  await expect(page.getByTestId('inventory-playback')).toContainText('saved run “My ZF run”');
  await expect(page.getByTestId('inv-S-exact')).toHaveValue('46');
});

test('exports the trace as CSV, one row per period', async ({ page }) => {
  await openInventory(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^shelfcast-.*\.csv$/);
  const text = readFileSync((await file.path())!, 'utf8');
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^period,warmup,policy,demand,forecast,s,S,on_hand/);
  expect(lines).toHaveLength(211);
  expect(lines[1]).toMatch(/^1,1,"\(10, 46\)",/);
});

test('a workspace series is the demand: replay its history, or fit a distribution to it', async ({ page }) => {
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('tab-inventory').click();
  await expect(page.getByTestId('kpi-cost')).toBeVisible();
  await page.getByTestId('inv-source').selectOption('series');
  await expect(page.getByTestId('inv-series').locator('option').first()).toBeAttached();
  await expect(page.getByTestId('inv-demand-info')).toContainText('fit');
  await page.getByTestId('inv-use-replay').check();
  await expect(page.getByTestId('inv-demand-info')).toContainText('replayed');
  await expect(page.getByTestId('inv-demand-info')).toContainText('periods to replay');
  await expect(page.getByTestId('inventory-playback')).toContainText('replayed');
  await expect(page.getByTestId('formula-ss-cost-value')).not.toHaveText('…');
  await page.getByTestId('optimize').click();
  await expect(page.getByTestId('opt-s')).toBeVisible();
});

test('accessibility: axe finds no violation in the inventory view, and the controls are labelled', async ({ page }) => {
  await openInventory(page);
  await page.getByTestId('compare').click();
  await page.getByTestId('optimize').click();
  await expect(page.getByTestId('opt-s')).toBeVisible();
  await expect(page.getByTestId('compare-row').first()).toBeVisible();
  const result = await new AxeBuilder({ page }).include('[data-testid=inventory]').analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
  for (const id of ['inv-s', 'inv-S', 'inv-h', 'inv-p', 'inv-k', 'inv-mean']) await expect(page.getByTestId(id)).toHaveAccessibleName(/.+/);
});
