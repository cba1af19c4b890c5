/**
 * `npm run bench -- lstm-catalogue` (issue #12's target): Walmart's department-level train.csv (3,331 store ×
 * department series, 143 weeks) imported into the production build in Chromium, then a backtest with the app's
 * default models AND the LSTM on WASM, 3 origins 8 weeks apart (the last window ending at the data's end), H = 8, as a
 * user runs it. Reports click-to-leaderboard time against the 5-minute target, whether the progress showed an
 * estimate of the time left (and the first estimate against the time it actually took), the LSTM's share, and the
 * final LSTM row's label. Skipped with a message when ../shared/data is absent.
 *
 *   LSTM_CATALOGUE_TIMEOUT_S=900 npm run bench -- lstm-catalogue     (default limit 900 s for the backtest)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** "about 3 min 10 s left" → ms. */
function leftMs(text) {
  const m = /about (?:(\d+) min )?(\d+) s left/.exec(text);
  return m ? 1000 * (60 * Number(m[1] ?? 0) + Number(m[2])) : null;
}

/** Runs the benchmark; rows go to `row(name, value, unit, reference, ratio, note)`. */
export async function benchLstmCatalogue(browser, { base, row, shared }) {
  const file = resolve(shared, 'walmart-recruiting-store-sales/train.csv');
  const name = 'LSTM catalogue backtest (train.csv, 3,331 series, 3 origins, H = 8, WASM)';
  if (!existsSync(file)) {
    row(name, 'skipped', '', '', '', `${file} is absent`);
    return;
  }
  const limitMs = 1000 * Number(process.env.LSTM_CATALOGUE_TIMEOUT_S ?? 900);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${base}?demo=0#data`);
    await page.getByRole('heading', { name: 'Import' }).waitFor();
    const i0 = Date.now();
    await page.getByTestId('file-sales').setInputFiles(file);
    await page.locator('[data-testid=import-panel][data-status=review]').waitFor({ timeout: 300_000 });
    await page.getByTestId('commit-import').click();
    await page.locator('[data-testid=import-panel][data-status=done]').waitFor({ timeout: 300_000 });
    const importMs = Date.now() - i0;

    await page.getByTestId('tab-forecast').click();
    const view = page.getByTestId('forecast-view');
    await view.getByTestId('bt-horizon').fill('8');
    await view.getByTestId('bt-step').fill('8');
    // Three origins 8 apart, the last one H before the end: first = (periods − H) − 2·8.
    const lastOrigin = Number(await view.getByTestId('bt-first').getAttribute('max'));
    await view.getByTestId('bt-first').fill(String(lastOrigin - 16));
    await view.getByTestId('lstm-enabled').check();
    await view.getByTestId('backend-select').selectOption('wasm');
    await view.getByTestId('backend').filter({ hasText: /Backend: wasm \(/ }).waitFor({ timeout: 180_000 });
    const backend = (await view.getByTestId('backend').innerText()).replace(/\s+/g, ' ').match(/Backend: \w+ \([^)]*\)[^.]*\./)?.[0] ?? 'backend not shown';
    const models = await view.locator('fieldset:not([data-testid=lstm-panel]) input[type=checkbox]:checked').evaluateAll((xs) => xs.map((x) => x.value).join(', '));
    const workers = await view.getByTestId('bt-workers').inputValue();

    const t0 = Date.now();
    await view.getByTestId('run-backtest').click();
    const status = view.locator('.actions span').first();
    let firstLeft = null; // { atMs, etaMs, text }
    let lastText = '';
    let lstmStartMs = null;
    let finished = false;
    while (Date.now() - t0 < limitMs) {
      if (await view.getByTestId('leaderboard').isVisible()) {
        finished = true;
        break;
      }
      const text = (await status.textContent({ timeout: 200 }).catch(() => null)) ?? '';
      if (text) lastText = text;
      if (lstmStartMs === null && /LSTM/.test(text)) lstmStartMs = Date.now() - t0;
      const eta = leftMs(text);
      if (firstLeft === null && eta !== null && /LSTM/.test(text)) firstLeft = { atMs: Date.now() - t0, etaMs: eta, text };
      await page.waitForTimeout(500);
    }
    const ms = Date.now() - t0;
    if (!finished) {
      row(name, `> ${(ms / 1000).toFixed(0)}`, 's', 'target < 300 s', '', `did not finish within ${limitMs / 1000} s; last progress: ${lastText}`);
      return;
    }
    const labels = await view.getByTestId('leaderboard').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[0]?.textContent ?? ''));
    const lstmRow = labels.map((l) => l.trim()).find((l) => /LSTM/.test(l)) ?? '(no LSTM row)';
    const elapsed = (await view.getByTestId('bt-elapsed').innerText()).trim();
    const refits = await view.getByTestId('lstm-refit').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-source')} (epoch ${tr.getAttribute('data-epoch') || '–'})`));
    row(name, (ms / 1000).toFixed(1), 's', 'target < 300 s', (ms / 300_000).toFixed(2), `click to leaderboard; models ${models} + LSTM; ${workers} stat worker(s); ${backend} Import ${(importMs / 1000).toFixed(0)} s (not counted). App says ${elapsed}.`);
    row(`${name}: LSTM phase`, lstmStartMs === null ? 'not seen' : ((ms - lstmStartMs) / 1000).toFixed(1), 's', '', '', lstmStartMs === null ? '' : `first LSTM progress ${(lstmStartMs / 1000).toFixed(0)} s after the click`);
    row(
      `${name}: time left shown`,
      firstLeft ? 'yes' : 'no',
      '',
      '',
      '',
      firstLeft ? `first estimate at ${(firstLeft.atMs / 1000).toFixed(0)} s: "${firstLeft.text.trim()}" (${(firstLeft.etaMs / 1000).toFixed(0)} s left; it took ${((ms - firstLeft.atMs) / 1000).toFixed(0)} s)` : `no "about … left" in the progress; last: ${lastText}`,
    );
    row(`${name}: LSTM row`, lstmRow, '', '', '', `refits: ${refits.join(', ') || 'none shown'}; leaderboard rows: ${labels.length}`);
  } catch (error) {
    row(name, 'failed', '', '', '', String(error?.message ?? error).split('\n')[0]);
  } finally {
    await context.close();
  }
}
