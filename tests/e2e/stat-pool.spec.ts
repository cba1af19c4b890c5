import { expect, test } from '@playwright/test';
import { openDemoForecast } from './helpers';

test('the statistical fits run on a pool of workers, and 1 or 3 workers give the same leaderboard', async ({ page }) => {
  const view = await openDemoForecast(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency || 2);
  await expect(view.getByTestId('bt-workers')).toHaveValue(String(Math.min(16, cores)));
  await view.getByTestId('bt-step').fill('4');
  const board = view.getByTestId('leaderboard');
  const figures = async (workers: number) => {
    await view.getByTestId('bt-workers').fill(String(workers));
    await view.getByTestId('run-backtest').click();
    await expect(view.getByTestId('bt-elapsed')).toContainText(`on ${workers} worker${workers === 1 ? '' : 's'}`, { timeout: 120_000 });
    return board.locator('tbody').innerText();
  };
  const one = await figures(1);
  const three = await figures(3);
  expect(one).toMatch(/\d/);
  expect(three).toBe(one);
});
