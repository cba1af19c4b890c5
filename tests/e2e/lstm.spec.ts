import { expect, test } from '@playwright/test';
import { openDemoForecast } from './helpers';

// Issue #12: the LSTM says honestly what it is (epoch 0 plotted, refits that kept their baseline labelled so), and a
// Cancel during its training keeps the statistical models' results (#14, point 3).

test('Cancel during the LSTM keeps the statistical leaderboard and marks the LSTM cancelled; the loss chart starts at epoch 0', async ({ page }) => {
  const view = await openDemoForecast(page);
  await view.getByTestId('lstm-enabled').check();
  await expect(view.getByTestId('backend')).toContainText(/Backend: (wasm|cpu|webgl|webgpu)/, { timeout: 90_000 });
  await view.getByTestId('lstm-units').fill('8');
  await view.getByTestId('lstm-epochs').fill('500');
  await view.getByTestId('bt-step').fill('13');
  await view.getByTestId('run-backtest').click();
  // The statistical models have finished once the LSTM trains; the live curve's first point is epoch 0.
  const summary = view.getByTestId('loss-summary');
  await expect(summary).toHaveAttribute('data-first-epoch', '0', { timeout: 120_000 });
  await expect(summary).toContainText('epoch 0, the untrained baseline');
  const cancel = view.getByTestId('cancel-backtest');
  await expect(cancel).toHaveText('Cancel the LSTM (keep the other models)');
  await cancel.click();
  const board = view.getByTestId('leaderboard');
  await expect(board).toBeVisible({ timeout: 60_000 });
  await expect(board.locator('tr[data-model="snaive"]')).toHaveCount(1);
  await expect(board.locator('tr[data-model="lstm"]')).toHaveCount(0);
  await expect(view.getByTestId('lstm-cancelled')).toContainText(/LSTM: cancelled after \d+ of \d+ refits/);
  await expect(view.getByText('Cancelled; nothing was saved.')).toHaveCount(0);
  // Saved: the same leaderboard comes back after a reload.
  await page.reload();
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-dataset').selectOption({ label: 'Demo: weekly store sales' });
  await expect(page.getByTestId('leaderboard').locator('tr[data-model="snaive"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('lstm-cancelled')).toBeVisible();
});

test('each refit lists its chosen epoch and validation losses; the row says at how many refits it kept its baseline', async ({ page }) => {
  const view = await openDemoForecast(page);
  await view.getByTestId('lstm-enabled').check();
  await expect(view.getByTestId('backend')).toContainText(/Backend: (wasm|cpu|webgl|webgpu)/, { timeout: 90_000 });
  await view.getByTestId('lstm-units').fill('8');
  await view.getByTestId('lstm-epochs').fill('2');
  await view.getByTestId('bt-step').fill('13');
  await view.getByTestId('run-backtest').click();
  const board = view.getByTestId('leaderboard');
  await expect(board).toBeVisible({ timeout: 180_000 });
  const rows = view.getByTestId('lstm-refit');
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  let kept = 0;
  let trained = 0;
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const source = await row.getAttribute('data-source');
    const epoch = await row.getAttribute('data-epoch');
    if (source === 'baseline') {
      kept++;
      expect(epoch).toBe('0');
      await expect(row).toContainText('kept its baseline');
    } else if (source === 'trained') {
      trained++;
      expect(Number(epoch)).toBeGreaterThan(0);
    }
    await expect(row).toContainText(/→|–/);
  }
  // The label follows the refits: an LSTM only where a trained network made forecasts, and the kept ones counted.
  const label = (await board.locator('tr[data-model="lstm"] th').textContent()) ?? '';
  if (trained === 0) expect(label).not.toMatch(/^LSTM/);
  else if (kept > 0) expect(label).toContain(`kept its baseline at ${kept} of ${n} refits`);
  else expect(label).not.toContain('kept its baseline');
  // The network's own 10-90 % intervals are scored on the later origins, and said to be uncalibrated.
  if (trained + kept > 0) await expect(view.getByTestId('lstm-network-coverage')).toContainText(/own 80 % intervals .*uncalibrated.* covered \d+\.\d % of \d+ actuals/);
});

test("the shipped demo model is trained and its check runs on a test span that neither trained it nor chose its epoch", async ({ page }) => {
  const view = await openDemoForecast(page);
  const shipped = view.getByTestId('saved-models').locator('li', { hasText: 'Pretrained demo LSTM' });
  await expect(shipped).toContainText(/trained, epoch [1-9]\d* chosen/);
  await shipped.getByTestId('forecast-with-model').click();
  const check = view.getByTestId('holdout-check');
  await expect(check).toBeVisible({ timeout: 90_000 });
  await expect(check.locator('caption')).toHaveAttribute('data-span', 'test');
  await expect(check.locator('caption')).toContainText('used neither to train it nor to choose its epoch');
  const meta = await page.evaluate(async () => (await fetch('./models/demo-weekly/meta.json')).json());
  expect(meta.networks[0].training.bestEpoch).toBeGreaterThan(0);
});
