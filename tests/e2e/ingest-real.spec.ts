import { expect, test } from '@playwright/test';
import { datasetCount, hasSharedData, openApp, pickFiles, shared, SKIP_SHARED, waitForStatus } from './helpers';

test.describe('real public files: drop, check, store, reload', () => {
  test.skip(!hasSharedData, SKIP_SHARED);

  const cases = [
    { file: 'walmart-store-sales/Walmart_Store_sales.csv', series: '45', range: '2010-02-05 to 2012-10-26' },
    { file: 'walmart-store-sales/variants/excel-mixed-dates-kush9011/Walmart.csv', series: '45', range: '2010-02-05 to 2012-10-26' },
    { file: 'walmart-store-sales/variants/iso-dates-bom-pranalidarekar/Walmart_Store_sales.csv', series: '45', range: '2010-02-05 to 2012-10-26' },
    { file: 'walmart-recruiting-store-sales/train.csv', series: '3,331', range: '2010-02-05 to 2012-10-26' },
    { file: 'store-item-demand-forecasting/retail_sales_sample.csv', series: '83', range: '2013-01-01 to 2017-12-31' },
    { file: 'retail-store-inventory-forecasting/column-subset-all-rows/retail_store_inventory.csv', series: '100', range: '2022-01-01 to 2024-01-01' },
  ];
  for (const c of cases) {
    test(`${c.file}: ${c.series} series, ${c.range}, kept after a reload`, async ({ page }) => {
      await openApp(page);
      await pickFiles(page, 'sales', shared(c.file));
      await waitForStatus(page, ['review']);
      await expect(page.getByTestId('preview-series')).toHaveText(c.series);
      await expect(page.getByTestId('preview-range')).toHaveText(c.range);
      await page.getByTestId('commit-import').click();
      await waitForStatus(page, ['done']);
      const row = page.getByTestId('dataset-row');
      await expect(row).toHaveCount(1);
      await expect(row.getByTestId('dataset-series')).toHaveText(c.series);
      await expect(row.getByTestId('dataset-range')).toHaveText(c.range);
      await page.reload();
      await expect(page.getByTestId('dataset-row')).toHaveCount(1);
      await expect(page.getByTestId('dataset-row').getByTestId('dataset-series')).toHaveText(c.series);
    });
  }

  test('train.csv, features.csv and stores.csv dropped together are joined into one dataset', async ({ page }) => {
    await openApp(page);
    await pickFiles(page, 'sales', [
      shared('walmart-recruiting-store-sales/train.csv'),
      shared('walmart-recruiting-store-sales/features.csv'),
      shared('walmart-recruiting-store-sales/stores.csv'),
    ]);
    await waitForStatus(page, ['review']);
    await expect(page.getByTestId('preview-series')).toHaveText('3,331');
    await page.getByTestId('commit-import').click();
    await waitForStatus(page, ['done']);
    await expect(page.getByTestId('dataset-row')).toHaveCount(1);
    await page.getByTestId('tab-explore').click();
    await expect(page.getByTestId('explore-series-count')).toHaveText('3,331');
    await expect(page.getByText(/Type A, Size 151315/)).toBeVisible();
  });

  test('stores.csv alone joins its attributes onto the dataset already in the workspace', async ({ page }) => {
    await openApp(page);
    await pickFiles(page, 'sales', shared('walmart-store-sales/Walmart_Store_sales.csv'));
    await waitForStatus(page, ['review']);
    await page.getByTestId('commit-import').click();
    await waitForStatus(page, ['done']);
    await pickFiles(page, 'sales', shared('walmart-recruiting-store-sales/stores.csv'));
    await waitForStatus(page, ['mapping']);
    await page.getByTestId('run-import').click();
    await waitForStatus(page, ['review']);
    await page.getByTestId('commit-import').click();
    await waitForStatus(page, ['done']);
    expect(await datasetCount(page)).toBe(1);
    await page.getByTestId('tab-explore').click();
    await expect(page.getByText(/Type A, Size 151315/)).toBeVisible();
  });

  test('an ambiguous date column makes the app ask; the inventory snapshot is stored with day-first dates', async ({ page }) => {
    await openApp(page);
    await pickFiles(page, 'inventory', shared('retail-store-inventory-forecasting/head-slice-all-columns/retail_store_inventory.csv'));
    await waitForStatus(page, ['asking-date']);
    await expect(page.getByText(/Which date format does/)).toBeVisible();
    await page.getByTestId('date-dmy').click();
    await waitForStatus(page, ['review']);
    await page.getByTestId('commit-import').click();
    await waitForStatus(page, ['done']);
    await expect(page.getByTestId('inventory-row')).toHaveCount(1);
    await expect(page.getByTestId('inventory-items')).toHaveText('100');
    await expect(page.getByTestId('inventory-row')).toContainText('2022-01-05');
  });

  test('dropping the same file twice warns before making a second copy', async ({ page }) => {
    await openApp(page);
    const file = shared('walmart-store-sales/Walmart_Store_sales.csv');
    await pickFiles(page, 'sales', file);
    await waitForStatus(page, ['review']);
    await page.getByTestId('commit-import').click();
    await waitForStatus(page, ['done']);
    await pickFiles(page, 'sales', file);
    await waitForStatus(page, ['mapping']);
    await expect(page.getByText(/You imported Walmart_Store_sales.csv before/)).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await datasetCount(page)).toBe(1);
  });
});

test('a sales file reached by drag and drop imports like a picked one', async ({ page }) => {
  await openApp(page);
  const text = 'Store,Date,Weekly_Sales\n1,2010-02-05,10\n1,2010-02-12,11\n1,2010-02-19,12\n';
  await page.evaluate((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'dropped.csv', { type: 'text/csv' }));
    document.querySelector('[data-testid=drop-sales]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await waitForStatus(page, ['review']);
  await expect(page.getByTestId('preview-series')).toHaveText('1');
});
