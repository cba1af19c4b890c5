import { expect, test } from '@playwright/test';
import { csv, openApp, pickFiles, waitForStatus } from './helpers';

/** 1,000 weekly series × 156 weeks from a seeded generator: a level per series, a yearly cycle, count-like noise. */
function weeklySales(series: number, weeks: number): string {
  let seed = 18;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const start = Date.UTC(2022, 0, 7);
  const dates = Array.from({ length: weeks }, (_, t) => new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10));
  const lines = ['date,sku,units'];
  for (let s = 0; s < series; s++) {
    const level = 5 + 60 * random();
    const phase = 2 * Math.PI * random();
    for (let t = 0; t < weeks; t++) {
      const mean = level * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 52 + phase));
      lines.push(`${dates[t]},SKU${s + 1},${Math.max(0, Math.round(mean + Math.sqrt(mean) * 2 * (random() - 0.5)))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

test('issue #18: at 1,000 series the forecast reports progress per series: the bar moves past 0% before it ends', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page);
  await pickFiles(page, 'sales', csv('weekly-1000.csv', weeklySales(1_000, 156)));
  // date,sku,units is not a known format: the proposed mapping (date, key sku, value units) is confirmed first.
  if ((await waitForStatus(page, ['mapping', 'review'], 120_000)) === 'mapping') {
    await expect(page.getByTestId('map-value')).toHaveValue('units');
    await page.getByTestId('run-import').click();
  }
  await waitForStatus(page, ['review'], 120_000);
  await page.getByTestId('commit-import').click();
  await waitForStatus(page, ['done'], 120_000);

  await page.getByTestId('tab-forecast').click();
  const view = page.getByTestId('forecast-view');
  // Three origins, and models whose forecast of 1,000 series takes seconds, not minutes, on a busy machine.
  await view.getByTestId('bt-horizon').fill('8');
  await view.getByTestId('bt-step').fill('8');
  await view.getByTestId('bt-first').fill(String(156 - 24));
  for (const box of await view.locator('fieldset input[type=checkbox]').all()) await box.setChecked(['snaive', 'sdiff-ses', 'stl-ets'].includes((await box.getAttribute('value'))!));
  await view.getByTestId('run-backtest').click();
  await expect(view.getByTestId('leaderboard')).toBeVisible({ timeout: 240_000 });

  // Every value the progress bar takes while the forecast runs, recorded in the page as the DOM changes.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { __forecastProgress: number[] }).__forecastProgress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('[data-testid=forecast-view] .actions progress');
      if (bar) seen.push(bar.value);
    }).observe(document.querySelector('[data-testid=forecast-view]')!, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await view.getByTestId('make-forecast').click();
  await expect(view.getByTestId('export-forecast')).toBeVisible({ timeout: 240_000 });
  const seen = await page.evaluate(() => (window as unknown as { __forecastProgress: number[] }).__forecastProgress);
  expect(seen.length).toBeGreaterThan(0);
  // Past 0 % and short of 100 %: a value seen while series were still being forecast. (After 100 % the bar restarts
  // at 0 % for the 'storing' phase, saving the forecast, so the values are not checked for order here.)
  expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
});
