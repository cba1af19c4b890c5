import { expect, test } from '@playwright/test';
import { csv, openApp, pickFiles, waitForStatus } from './helpers';

// Issue #13: Explore's table, picker and most-volatile list come from the summary worker a page at a time; they
// must behave as when the page held every series (order, paging, search, picking).

test('the series table sorts, pages, and the picker finds and shows a series, each answered by the summary worker', async ({ page }) => {
  await openApp(page);
  // 60 series s1..s60 of 40 weeks; series k sells about k units a week, so "Total" orders them by k.
  const rows = ['id,date,sales'];
  for (let k = 1; k <= 60; k++)
    for (let w = 0; w < 40; w++) rows.push(`s${k},${new Date(Date.UTC(2022, 0, 3 + 7 * w)).toISOString().slice(0, 10)},${k + (w % 3)}`);
  await pickFiles(page, 'sales', csv('sixty.csv', rows.join('\n')));
  await waitForStatus(page, ['mapping', 'review']);
  if ((await page.getByTestId('import-panel').getAttribute('data-status')) === 'mapping') await page.getByTestId('run-import').click();
  await waitForStatus(page, ['review']);
  await page.getByTestId('commit-import').click();
  await waitForStatus(page, ['done']);

  await page.getByTestId('tab-explore').click();
  await expect(page.getByTestId('explore-series-count')).toHaveText('60');
  const table = page.getByTestId('series-table');
  const firstCell = table.locator('tbody tr td:first-child');
  // Default: by total, largest first, 25 rows a page.
  await expect(firstCell.first()).toHaveText('s60');
  await expect(table.locator('tbody tr')).toHaveCount(25);
  await expect(page.getByText('Page 1 of 3')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Page 2 of 3')).toBeVisible();
  await expect(firstCell.first()).toHaveText('s35');
  // By id, in natural order (s2 before s10), from the first page again.
  await table.getByRole('button', { name: 'Series' }).click();
  await expect(page.getByText('Page 1 of 3')).toBeVisible();
  await expect(firstCell.nth(0)).toHaveText('s1');
  await expect(firstCell.nth(1)).toHaveText('s2');
  await expect(table.getByRole('columnheader', { name: /Series/ })).toHaveAttribute('aria-sort', 'ascending');

  // The picker lists the matches of a search; picking one shows its figures.
  await page.getByTestId('series-search').fill('s4');
  const select = page.getByTestId('series-select');
  await expect(select.locator('option')).toHaveText(['s4', 's40', 's41', 's42', 's43', 's44', 's45', 's46', 's47', 's48', 's49']);
  await select.selectOption({ label: 's42' });
  // s42 sells 42 + (week mod 3): a mean of 42 + 39/40 over its 40 weeks.
  await expect(page.getByText(/^Mean 42\.98, std\. dev\. 0\.83, CV 0\.02, 40 observed, 0 missing\./)).toBeVisible();
  // The most volatile series are listed (CV largest first): the smallest sellers vary most.
  await expect(page.locator('.volatile li').first()).toContainText('s1');
});
