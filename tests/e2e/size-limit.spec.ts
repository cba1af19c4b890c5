import { expect, test } from '@playwright/test';
import { datasetCount, openApp, pickFiles, waitForStatus } from './helpers';

test('a file larger than this browser can take is refused at once, saying the size it takes here and what to do', async ({ page }) => {
  // A device reporting 0.25 GB of memory gets a 25 MB limit (lib/csv/size-limit.ts), so a 26 MB file is too large.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => 0.25 }));
  await openApp(page);
  const before = await datasetCount(page);
  const line = '2024-01-01,1,1,13\n';
  const body = Buffer.from('date,store,item,sales\n' + line.repeat(Math.ceil(26e6 / line.length)));
  await pickFiles(page, 'sales', { name: 'huge.csv', mimeType: 'text/csv', buffer: body });
  await waitForStatus(page, ['failed'], 10_000);
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('huge.csv is 26 MB; this browser can import about 25 MB at once here');
  await expect(error).toContainText('reports 0.25 GB of memory');
  await expect(error).toContainText('one per store');
  await expect(error).toContainText('long format');
  expect(await datasetCount(page)).toBe(before);
});
