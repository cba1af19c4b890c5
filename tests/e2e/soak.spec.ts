import { expect, test, type Locator, type Page } from '@playwright/test';
import { createHeapProbe } from '../../scripts/cdp-heap.mjs';
import { openDemoForecast } from './helpers';

/** Clicks `testId` in the forecast view and resolves with the tensor count read after that run (see readMemory). */
async function runAndRead(page: Page, view: Locator, testId: string): Promise<number> {
  const memory = view.getByTestId('tf-memory');
  const before = Number(await memory.getAttribute('data-reads'));
  await view.getByTestId(testId).click();
  await expect(memory).toHaveAttribute('data-reads', String(before + 1), { timeout: 90_000 });
  await expect(view.locator('.error')).toHaveCount(0);
  return Number(await memory.getAttribute('data-tensors'));
}

const KB = 1024;

// The short version of `npm run bench -- soak` (issue #6): after a warm-up, every train + forecast leaves the worker
// with exactly as many tensors as before it, and the objects on the page's and the worker's JS heaps (heap snapshots,
// compiled code counted apart) grow by less than a bound per cycle. A forgotten dispose() fails the first check at
// once; keeping each cycle's dataset in the worker (about 250 KB a cycle) fails the second.
test('train + forecast again and again: the worker\'s tensor count stays identical and the JS heaps stay flat', async ({ page, context }) => {
  test.setTimeout(150_000);
  const probe = await createHeapProbe(context, page);
  const view = await openDemoForecast(page);
  await view.getByTestId('lstm-enabled').check();
  await expect(view.getByTestId('tf-memory')).toBeVisible({ timeout: 90_000 });
  await view.getByTestId('lstm-units').fill('8');
  await view.getByTestId('lstm-epochs').fill('2');
  await view.getByTestId('bt-step').fill('13');

  // Warm-up: a backtest with the LSTM refits, then a forecast (it trains the final network and saves it).
  const baseline = await runAndRead(page, view, 'run-backtest');
  expect(await runAndRead(page, view, 'make-forecast')).toBe(baseline);

  const cycles = 5;
  const start = { page: await probe.snapshot(), worker: await probe.snapshot('forecast') };
  const tensors: number[] = [];
  for (let cycle = 0; cycle < cycles; cycle++) tensors.push(await runAndRead(page, view, 'make-forecast'));
  const end = { page: await probe.snapshot(), worker: await probe.snapshot('forecast') };
  // A backtest after the forecasts leaves the same count too.
  tensors.push(await runAndRead(page, view, 'run-backtest'));
  await probe.close();

  expect(tensors).toEqual(tensors.map(() => baseline));
  const perCycle = (key: 'page' | 'worker', kind: 'objects' | 'code') => (end[key][kind] - start[key][kind]) / cycles / KB;
  test.info().annotations.push({
    type: 'heap growth per cycle',
    description: `objects: page ${perCycle('page', 'objects').toFixed(1)} KB, worker ${perCycle('worker', 'objects').toFixed(1)} KB; compiled code: page ${perCycle('page', 'code').toFixed(1)} KB, worker ${perCycle('worker', 'code').toFixed(1)} KB`,
  });
  // Measured without a leak: 15-20 KB a cycle on each side (the page's saved-run lists grow by design, V8's
  // bounded caches fill up); a leaked dataset adds about 250 KB.
  expect(perCycle('worker', 'objects')).toBeLessThan(64);
  expect(perCycle('page', 'objects')).toBeLessThan(64);
});
