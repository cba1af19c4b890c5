import { expect, test, type Locator } from '@playwright/test';
import { openDemoForecast } from './helpers';
import { chromiumArgs, systemChromium } from './launch';

/**
 * The GPU code paths, for correctness: here WebGL and WebGPU run on SwiftShader (in software, slowly), which is
 * enough to check that the app's LSTM trains and forecasts on them and scores like it does on WASM. The same
 * small LSTM (8 units, 2 epochs, seed 1) is backtested on the demo's weekly sales on each backend.
 */
test.use({ launchOptions: { executablePath: systemChromium, args: [...chromiumArgs, '--enable-unsafe-webgpu'] } });
test.describe.configure({ mode: 'serial' });

interface Scores {
  wape: number;
  mase: number;
  /** Training and validation loss of the last epoch trained. */
  train: number;
  val: number;
}
const scores = new Map<string, Scores>();

async function lstmScores(view: Locator): Promise<Scores> {
  const board = view.getByTestId('leaderboard');
  // Columns by their heading (the first heading is the row's model name, a th, not a td).
  const headings = (await board.locator('thead th').allInnerTexts()).map((t) => t.replace(' ▲', '').trim());
  const cells = await board.locator('tr[data-model="lstm"] td').allInnerTexts();
  const cell = (name: string) => Number.parseFloat(cells[headings.indexOf(name) - 1]);
  const loss = view.getByTestId('loss-summary');
  return { wape: cell('WAPE'), mase: cell('MASE'), train: Number(await loss.getAttribute('data-train')), val: Number(await loss.getAttribute('data-val')) };
}

for (const backend of ['wasm', 'webgl', 'webgpu'] as const) {
  test(`the LSTM trains and backtests on ${backend}`, async ({ page }) => {
    test.setTimeout(300_000);
    const view = await openDemoForecast(page);
    await view.getByTestId('lstm-enabled').check();
    await view.getByTestId('backend-select').selectOption(backend);
    // The chosen backend passed its check step (a failure would fall back and say so).
    await expect(view.getByTestId('backend')).toContainText(`Backend: ${backend} (your choice)`, { timeout: 120_000 });
    await view.getByTestId('lstm-units').fill('8');
    await view.getByTestId('lstm-epochs').fill('2');
    await view.getByTestId('bt-step').fill('26');
    await view.getByTestId('run-backtest').click();
    await expect(view.getByTestId('leaderboard').locator('tr[data-model="lstm"]')).toHaveCount(1, { timeout: 280_000 });
    // The loss curve follows the last network trained, and says which fit it is.
    await expect(view.getByTestId('loss-summary')).toContainText(/^LSTM refit (\d+) of \1, epoch [12]: training loss [\d.e-]+, validation loss [\d.e-]+ \(epoch 0, the untrained baseline: [\d.e-]+\)\.$/);
    const row = await lstmScores(view);
    expect(Object.values(row).every(Number.isFinite)).toBe(true);
    scores.set(backend, row);
    console.log(`${backend}: LSTM WAPE ${row.wape}%, MASE ${row.mase}, last epoch's loss ${row.train} (validation ${row.val})`);
    const reference = scores.get('wasm');
    if (backend !== 'wasm' && reference) {
      // Same data, seed and settings: float32 arithmetic in another order gives close, not equal, figures. The
      // losses come from the training steps themselves, so a kernel that computes wrong on this backend shows.
      expect(Math.abs(row.train / reference.train - 1)).toBeLessThan(0.01);
      expect(Math.abs(row.val / reference.val - 1)).toBeLessThan(0.01);
      expect(Math.abs(row.wape - reference.wape)).toBeLessThan(0.2);
      expect(Math.abs(row.mase - reference.mase)).toBeLessThan(0.02);
    }
  });
}
