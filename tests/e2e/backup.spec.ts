import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from './helpers';

/** Records per object store of the app's database (call only once the app has opened it). */
function storeCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const req = indexedDB.open('shelfcast');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const names = Array.from(db.objectStoreNames);
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, number> = {};
          for (const n of names) {
            const c = tx.objectStore(n).count();
            c.onsuccess = () => (out[n] = c.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The dataset table as [name, series] rows. */
async function datasetTable(page: Page): Promise<string[][]> {
  const rows = page.getByTestId('dataset-row');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push([await row.getByTestId('dataset-name').innerText(), await row.getByTestId('dataset-series').innerText()]);
  }
  return out;
}

/** Loads the demo workspace and downloads a backup of it; returns the file's path. */
async function demoWithBackup(page: Page): Promise<string> {
  await openApp(page, { demo: true });
  await expect(page.getByTestId('dataset-row')).toHaveCount(2, { timeout: 60_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('backup-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^shelfcast-backup-\d{4}-\d\d-\d\d-\d{4}\.shelfcast$/);
  await expect(page.getByTestId('backup-status')).toContainText(/Backup saved as .*: 2 datasets, 1 stock snapshot\./);
  const path = join(mkdtempSync(join(tmpdir(), 'shelfcast-backup-')), file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** Accepts (or dismisses) the next dialog after checking it is a confirm whose text matches. */
function answerNextConfirm(page: Page, text: RegExp, accept = true): Promise<void> {
  return new Promise((resolve, reject) => {
    page.once('dialog', (dialog) => {
      try {
        expect(dialog.type()).toBe('confirm');
        expect(dialog.message()).toMatch(text);
        resolve();
      } catch (error) {
        reject(error);
      }
      void (accept ? dialog.accept() : dialog.dismiss());
    });
  });
}

test('download a backup, clear all data, restore: the demo workspace comes back whole and survives a reload', async ({ page }) => {
  const path = await demoWithBackup(page);
  const text = readFileSync(path, 'utf8');
  const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as Record<string, unknown>;
  expect(header).toMatchObject({ magic: 'shelfcast-backup', formatVersion: 1, schemaVersion: 4 });
  const table = await datasetTable(page);
  expect(table.length).toBe(2);
  expect(table.map(([name]) => name)).toContain('Demo: weekly store sales');
  const counts = await storeCounts(page);
  expect(counts.seriesChunks).toBeGreaterThan(0);

  const asked = answerNextConfirm(page, /Delete every dataset, stock snapshot, forecast/);
  await page.getByTestId('clear-all').click();
  await asked;
  await expect(page.getByTestId('backup-status')).toHaveText('All data was cleared from this browser.');
  await expect(page.getByTestId('dataset-row')).toHaveCount(0);
  await expect(page.getByTestId('datasets-empty')).toBeVisible();
  // Everything is gone but the one setting that keeps the demo from loading itself again.
  const { settings, ...rest } = await storeCounts(page);
  expect(Object.values(rest).every((n) => n === 0)).toBe(true);
  expect(settings).toBe(1);
  await page.reload();
  await expect(page.getByTestId('datasets-empty')).toBeVisible();

  const replace = answerNextConfirm(page, /Replace the current workspace \(0 datasets\) with the backup of .* \(2 datasets and 1 stock snapshot\)\?/);
  await page.getByTestId('backup-file').setInputFiles(path);
  await replace;
  await expect(page.getByTestId('backup-status')).toContainText('Restored 2 datasets and 1 stock snapshot');
  expect(await datasetTable(page)).toEqual(table);
  // The backup holds everything but the jobs log and the reorder engine's plan inputs (derived from a forecast and
  // made again on their first use, so their count depends on when the app next prepares them).
  const withoutInputs = ({ planInputs: _, ...rest }: Record<string, number>) => rest;
  expect(withoutInputs(await storeCounts(page))).toEqual(withoutInputs({ ...counts, jobs: 0 }));

  await page.reload();
  await expect(page.getByTestId('dataset-row')).toHaveCount(2);
  expect(await datasetTable(page)).toEqual(table);
  await page.getByTestId('tab-explore').click();
  await expect(page.getByTestId('series-table')).toBeVisible();
});

test('a damaged or foreign file is refused with a clear message, without a confirm, and the workspace stays', async ({ page }) => {
  const path = await demoWithBackup(page);
  const table = await datasetTable(page);
  const counts = await storeCounts(page);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const bytes = readFileSync(path);
  const flipped = Buffer.from(bytes);
  const at = flipped.indexOf(0x0a) + 500;
  flipped[at] = flipped[at] === 0x41 ? 0x42 : 0x41;
  const files: Array<[string, Buffer, RegExp]> = [
    ['flipped.shelfcast', flipped, /The backup is damaged: its checksum does not match its content/],
    ['cut.shelfcast', bytes.subarray(0, Math.floor(bytes.length * 0.7)), /The backup is incomplete/],
    ['sales.csv', Buffer.from('Store,Date,Weekly_Sales\n1,2010-02-05,100\n'), /This file is not a Shelfcast backup \(it is a text file, perhaps a CSV/],
    ['other.json', Buffer.from('{"name":"something else"}\n'), /not a Shelfcast backup \(it is a JSON file of another kind\)/],
    ['newer.shelfcast', Buffer.from(bytes.toString('utf8').replace(/"schemaVersion":\d+/, '"schemaVersion":99')), /made by a newer version of Shelfcast/],
  ];
  for (const [name, buffer, message] of files) {
    await page.getByTestId('backup-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
    const alert = page.getByTestId('backup-error');
    await expect(alert).toHaveAttribute('role', 'alert');
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('The current workspace is unchanged.');
    expect(await datasetTable(page)).toEqual(table);
  }
  expect(dialogs).toBe(0);
  expect(await storeCounts(page)).toEqual(counts);
});

test('declining the confirm, or the storage filling up mid-restore, leaves the workspace as it was', async ({ page }) => {
  const path = await demoWithBackup(page);
  const counts = await storeCounts(page);
  // Rename a dataset so that the workspace differs from the backup: a partial restore would show.
  await page.getByRole('button', { name: 'Rename Demo: weekly store sales' }).click();
  await page.getByTestId('rename-input').fill('Weekly, renamed after the backup');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Weekly, renamed after the backup')).toBeVisible();
  const table = await datasetTable(page);

  const declined = answerNextConfirm(page, /Replace the current workspace \(2 datasets\)/, false);
  await page.getByTestId('backup-file').setInputFiles(path);
  await declined;
  await expect(page.getByTestId('backup-status')).toHaveText('Restore cancelled; the workspace is unchanged.');
  expect(await datasetTable(page)).toEqual(table);

  // The restore runs on the page: make the 5th put there fail (the demo backup holds about a dozen records) as a full disk does.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++calls === 5) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const accepted = answerNextConfirm(page, /Replace the current workspace/);
  await page.getByTestId('backup-file').setInputFiles(path);
  await accepted;
  await expect(page.getByTestId('backup-error')).toContainText("The browser's storage is full, so the backup could not be restored");
  await expect(page.getByTestId('backup-error')).toContainText('The current workspace is unchanged.');
  expect(await datasetTable(page)).toEqual(table);
  expect(await storeCounts(page)).toEqual(counts);
  await page.reload();
  await expect(page.getByTestId('dataset-row')).toHaveCount(2);
  await expect(page.getByText('Weekly, renamed after the backup')).toBeVisible();
});

test('the downloaded file is a one-line manifest, then one JSON line per record with typed arrays tagged', async ({ page }) => {
  const path = await demoWithBackup(page);
  const text = readFileSync(path, 'utf8');
  const newline = text.indexOf('\n');
  const manifest = JSON.parse(text.slice(0, newline)) as { payloadBytes: number; stores: Record<string, { count: number; bytes: number }> };
  const payload = readFileSync(path).subarray(Buffer.byteLength(text.slice(0, newline + 1)));
  expect(payload.length).toBe(manifest.payloadBytes);
  const lines = payload.toString('utf8').split('\n');
  expect(lines.pop()).toBe('');
  expect(lines.length).toBe(Object.values(manifest.stores).reduce((n, s) => n + s.count, 0));
  const firstChunk = JSON.parse(lines[manifest.stores.datasets.count + manifest.stores.calendars.count]) as { series: Array<{ values: { $t: string; b64: string } }> };
  expect(firstChunk.series[0].values.$t).toBe('Float64Array');
});
