import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csv, datasetCount, openApp, pickFiles, waitForStatus } from './helpers';

const good = 'Store,Date,Weekly_Sales\n1,2010-02-05,100\n1,2010-02-12,110\n1,2010-02-19,120\n1,2010-02-26,130\n';

/** Imports `good` once so that "the workspace stays as it was" has something to keep. */
async function withOneDataset(page: import('@playwright/test').Page) {
  await openApp(page);
  await pickFiles(page, 'sales', csv('good.csv', good));
  await waitForStatus(page, ['review']);
  await page.getByTestId('commit-import').click();
  await waitForStatus(page, ['done']);
  await expect(page.getByTestId('dataset-row')).toHaveCount(1);
}

const fatal: Array<[string, ReturnType<typeof csv>, RegExp]> = [
  ['an empty file', csv('empty.csv', ''), /empty/],
  ['a header with no rows', csv('header.csv', 'Store,Date,Weekly_Sales\n'), /only a header/],
  ['a binary file', csv('binary.csv', Buffer.from([0, 1, 2, 3, 255, 0, 7])), /binary/],
  ['an Excel workbook renamed .csv', csv('book.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0])), /Excel workbook/],
  ['an unterminated quote', csv('quote.csv', 'Store,Date,Weekly_Sales\n1,2010-02-05,100\n1,"2010-02-12,110\n1,2010-02-19,120\n'), /never closes/],
  ['an inventory file dropped as sales', csv('stock.csv', 'sku,store,on_hand,lead_time_days\nA,S1,4,7\nB,S1,9,3\n'), /looks like an inventory snapshot/],
];

for (const [what, file, message] of fatal) {
  test(`${what}: a clear message, and the workspace stays as it was`, async ({ page }) => {
    await withOneDataset(page);
    await pickFiles(page, 'sales', file);
    await waitForStatus(page, ['failed']);
    await expect(page.getByTestId('import-error')).toContainText('Nothing was stored');
    await expect(page.getByTestId('import-panel')).toContainText(message);
    expect(await datasetCount(page)).toBe(1);
    await page.reload();
    await expect(page.getByTestId('dataset-row')).toHaveCount(1);
  });
}

test('a sales file dropped as inventory is refused as the wrong role', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, 'inventory', csv('sales.csv', good));
  await waitForStatus(page, ['failed']);
  await expect(page.getByTestId('import-panel')).toContainText('looks like sales history');
});

const warnings: Array<[string, string, string, RegExp]> = [
  ['semicolons and decimal commas', 'Store;Date;Weekly_Sales\n1;05-02-2010;1.234,5\n1;12-02-2010;99,5\n1;19-02-2010;100\n', 'review', /^(?!.*bad-number).*short-series/s],
  ['tabs', 'Store\tDate\tWeekly_Sales\n1\t2010-02-05\t1\n1\t2010-02-12\t2\n', 'review', /^(?!.*bad-number).*short-series/s],
  ['thousands separators and currency signs', 'Store,Date,Weekly_Sales\n1,05-02-2010,"$1,643,690.90"\n1,12-02-2010,"1,641,957.44"\n1,19-02-2010,1611968.17\n', 'review', /formatted-number/],
  ['text in the numeric column', 'Store,Date,Weekly_Sales\n1,05-02-2010,100\n1,12-02-2010,lots\n1,19-02-2010,300\n', 'review', /Row 3, column "Weekly_Sales": "lots" is not a number/],
  ['an impossible date', 'Store,Date,Weekly_Sales\n1,17-02-2012,1\n1,24-02-2012,2\n1,31-02-2012,3\n1,02-03-2012,4\n', 'review', /Row 4, column "Date": "31-02-2012" is not a valid date/],
  ['a line much longer than the rest', `Store,Date,Weekly_Sales\n1,2010-02-05,1\n1,2010-02-12,${'7'.repeat(20000)}\n1,2010-02-19,3\n`, 'review', /Row 3, column "Weekly_Sales" holds 20,000 characters/],
];

for (const [what, text, status, message] of warnings) {
  test(`${what}: imports with the problem reported by row, column and value`, async ({ page }) => {
    await openApp(page);
    await pickFiles(page, 'sales', csv('w.csv', text));
    await waitForStatus(page, [status]);
    await expect(page.getByTestId('quality-report')).toContainText(message);
    await page.getByTestId('commit-import').click();
    await waitForStatus(page, ['done']);
    expect(await datasetCount(page)).toBe(1);
  });
}

test('cells holding HTML are shown as text, never run', async ({ page }) => {
  await openApp(page);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const evil = '<img src=x onerror="window.__pwned=1">';
  await pickFiles(page, 'sales', csv('evil.csv', `item,date,qty\n"${evil.replace(/"/g, '""')}",2024-01-01,1\n"${evil.replace(/"/g, '""')}",2024-01-02,2\n"<script>window.__pwned=2</script>",2024-01-01,3\n`));
  await waitForStatus(page, ['mapping']);
  await page.getByTestId('run-import').click();
  await waitForStatus(page, ['review']);
  await page.getByTestId('commit-import').click();
  await waitForStatus(page, ['done']);
  await page.getByTestId('tab-explore').click();
  await expect(page.getByTestId('series-table')).toContainText(evil);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
});

test('a 100 MB file streams with progress, can be cancelled, and a second import is refused meanwhile', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'shelfcast-'));
  const path = join(dir, 'big.csv');
  const lines = ['Store,Dept,Date,Weekly_Sales'];
  let size = 0;
  const chunks: string[] = [];
  for (let s = 1; size < 100 * 1024 * 1024; s++) {
    for (let w = 0; w < 143; w++) {
      const day = new Date(Date.UTC(2010, 1, 5 + 7 * w)).toISOString().slice(0, 10);
      const line = `${s % 450},${Math.floor(s / 450)},${day},${(1000 + ((s * 7919 + w * 104729) % 50000) / 7).toFixed(2)}\n`;
      chunks.push(line);
      size += line.length;
    }
  }
  writeFileSync(path, lines[0] + '\n' + chunks.join(''));
  await openApp(page);
  await pickFiles(page, 'sales', path);
  await waitForStatus(page, ['importing']);
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(page.getByTestId('file-sales')).toBeDisabled();
  await page.getByTestId('cancel-import').click();
  await waitForStatus(page, ['cancelled']);
  expect(await datasetCount(page)).toBe(0);
});

test('inventory defaults can be edited; values read from the file are kept', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, 'inventory', csv('stock.csv', 'sku,on_hand,lead_time_days\nA,10,3\nB,5,\n'));
  await waitForStatus(page, ['mapping']);
  await page.getByTestId('run-import').click();
  await waitForStatus(page, ['review']);
  await page.getByTestId('commit-import').click();
  await waitForStatus(page, ['done']);
  await page.getByRole('button', { name: 'Defaults…' }).click();
  const form = page.getByTestId('inventory-defaults');
  await expect(form).toContainText('2 of 2 items use at least one default');
  await form.getByLabel('Lead time (days)').fill('21');
  await form.getByLabel('Service level (%)').fill('120');
  await form.getByRole('button', { name: 'Apply defaults' }).click();
  await expect(form.getByRole('alert')).toContainText('invalid serviceLevel: 1.2');
  await form.getByLabel('Service level (%)').fill('97.5');
  await form.getByRole('button', { name: 'Apply defaults' }).click();
  await expect(form).toBeHidden();
  const items = await page.evaluate(
    () =>
      new Promise<Array<{ leadTimeDays: number; serviceLevel: number }>>((res) => {
        const req = indexedDB.open('shelfcast');
        req.onsuccess = () => {
          const get = req.result.transaction('inventories').objectStore('inventories').getAll();
          get.onsuccess = () => res(get.result[0].items);
        };
      }),
  );
  expect(items.map((i) => [i.leadTimeDays, i.serviceLevel])).toEqual([[3, 0.975], [21, 0.975]]);
});
