import { describe, expect, it } from 'vitest';
import { isoFromDay, weekdayFromDay } from '../../../src/lib/core/dates';
import { importJoin, inspectFile } from '../../../src/lib/csv/import';
import { hasSharedData, importBlob, sharedBlob, SKIP_MESSAGE } from './helpers';

describe.skipIf(!hasSharedData)(`real public files (${hasSharedData ? 'present' : SKIP_MESSAGE})`, () => {
  it.each([
    ['walmart-store-sales/Walmart_Store_sales.csv'],
    ['walmart-store-sales/variants/excel-mixed-dates-kush9011/Walmart.csv'],
    ['walmart-store-sales/variants/iso-dates-bom-pranalidarekar/Walmart_Store_sales.csv'],
  ])('%s: 45 stores x 143 Friday weeks from 2010-02-05 to 2012-10-26', async (file) => {
    const r = await importBlob(sharedBlob(file), 'sales');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const d = r.dataset!;
    expect(r.inspection.format?.id).toBe('walmart-store-sales');
    expect(d.meta.seriesCount).toBe(45);
    expect(d.meta.rows).toBe(6435);
    expect(d.calendar.frequency).toBe('weekly');
    expect(d.calendar.days.length).toBe(143);
    expect(isoFromDay(d.meta.firstDay)).toBe('2010-02-05');
    expect(isoFromDay(d.meta.lastDay)).toBe('2012-10-26');
    expect([...d.calendar.days].every((day) => weekdayFromDay(day) === 4)).toBe(true);
    expect(d.series.every((s) => s.values.length === 143 && s.values.every((v) => v > 0))).toBe(true);
    expect(d.series[0].id).toBe('1');
    expect(d.series[0].values[0]).toBeCloseTo(1643690.9, 2);
    expect(r.report.fatal).toBe(false);
  });

  it('Walmart_Store_sales.csv flags the 10 holiday weeks and keeps the four covariates', async () => {
    const r = await importBlob(sharedBlob('walmart-store-sales/Walmart_Store_sales.csv'), 'sales');
    const d = r.kind === 'ok' ? r.dataset! : null;
    const holidays = [...d!.calendar.days].filter((_, i) => d!.calendar.holidays[i]).map(isoFromDay);
    expect(holidays).toEqual(['2010-02-12', '2010-09-10', '2010-11-26', '2010-12-31', '2011-02-11', '2011-09-09', '2011-11-25', '2011-12-30', '2012-02-10', '2012-09-07']);
    expect(Object.keys(d!.series[0].covariates).sort()).toEqual(['CPI', 'Fuel_Price', 'Holiday_Flag', 'Temperature', 'Unemployment']);
  });

  it('train.csv: 3,331 ragged department series with negatives and gaps reported, none invented', async () => {
    const r = await importBlob(sharedBlob('walmart-recruiting-store-sales/train.csv'), 'sales');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const d = r.dataset!;
    expect(d.meta.seriesCount).toBe(3331);
    expect(d.meta.rows).toBe(421570);
    expect(d.calendar.days.length).toBe(143);
    expect(r.report.counts['missing-periods']).toBe(605);
    expect(r.report.counts['negative-value']).toBeGreaterThan(0);
    const observed = d.series.reduce((n, s) => n + s.values.filter((v) => !Number.isNaN(v)).length, 0);
    expect(observed).toBe(421570);
    expect(d.series.filter((s) => s.values.length === 143 && !s.values.some(Number.isNaN)).length).toBe(2660);
  });

  it('train.csv joined with features.csv (literal NA) and stores.csv (CR-only line ends)', async () => {
    const train = await importBlob(sharedBlob('walmart-recruiting-store-sales/train.csv'), 'sales');
    const dataset = train.kind === 'ok' ? train.dataset! : null;
    const features = sharedBlob('walmart-recruiting-store-sales/features.csv');
    const fi = await inspectFile(features, 'sales');
    expect(fi.format?.kind).toBe('covariates');
    const joined = await importJoin(features, dataset!, { inspection: fi, mapping: fi.mapping, id: 'x', name: 'x', fileName: 'features.csv', createdAt: 0 });
    expect(joined.kind).toBe('ok');
    const withFeatures = joined.kind === 'ok' ? joined.dataset! : null;
    const s1 = withFeatures!.series[0];
    expect(s1.id).toBe('1 / 1');
    expect(s1.covariates.Temperature[0]).toBeCloseTo(42.31, 2);
    expect(Number.isNaN(s1.covariates.MarkDown1[0])).toBe(true);
    expect(withFeatures!.calendar.futureHolidays && isoFromDay(withFeatures!.calendar.futureHolidays[0])).toBe('2012-11-23');
    const stores = sharedBlob('walmart-recruiting-store-sales/stores.csv');
    const si = await inspectFile(stores, 'sales');
    expect(si.format?.kind).toBe('attributes');
    expect(si.layout.linebreak).toBe('\r');
    const both = await importJoin(stores, withFeatures!, { inspection: si, mapping: si.mapping, id: 'x', name: 'x', fileName: 'stores.csv', createdAt: 0 });
    expect(both.kind === 'ok' && both.dataset!.series[0].attributes).toEqual({ Type: 'A', Size: '151315' });
  });

  it('store-item demand: 82 full daily series of 1,826 days plus the partial item 9 / store 3', async () => {
    const r = await importBlob(sharedBlob('store-item-demand-forecasting/retail_sales_sample.csv'), 'sales');
    const d = r.kind === 'ok' ? r.dataset! : null;
    expect(d!.meta.seriesCount).toBe(83);
    expect(d!.calendar.frequency).toBe('daily');
    expect(d!.series.filter((s) => s.values.length === 1826).length).toBe(82);
    const partial = d!.series.find((s) => s.key.store === '3' && s.key.item === '9');
    expect(partial?.values.length).toBe(267);
    expect(r.report.counts['missing-periods'] ?? 0).toBe(0);
  });

  it('retail inventory subset: store inferred from row order, sales and a stock snapshot from one file', async () => {
    const r = await importBlob(sharedBlob('retail-store-inventory-forecasting/column-subset-all-rows/retail_store_inventory.csv'), 'sales');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.dataset!.meta.seriesCount).toBe(100);
    expect(r.dataset!.series[0].id).toBe('S001 / P0001');
    expect(r.dataset!.calendar.days.length).toBe(731);
    expect(r.report.counts['inferred-key']).toBe(1);
    expect(r.inventory!.items.length).toBe(100);
    expect(isoFromDay(r.inventory!.asOfDay!)).toBe('2024-01-01');
    expect(r.inventory!.items.every((i) => i.onHand >= 50 && i.onHand <= 500)).toBe(true);
  });

  it('retail inventory head slice: 5 ambiguous DD-MM-YYYY dates make the app ask, and day-first gives 5 January', async () => {
    const blob = sharedBlob('retail-store-inventory-forecasting/head-slice-all-columns/retail_store_inventory.csv');
    const asked = await importBlob(blob, 'inventory');
    expect(asked.kind).toBe('ask-date-order');
    const r = await importBlob(blob, 'inventory', (m) => ({ ...m, dateOrder: 'dmy' }));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(isoFromDay(r.inventory!.asOfDay!)).toBe('2022-01-05');
    expect(r.inventory!.items.length).toBe(100);
    expect(r.inventory!.items[0].seriesId).toBe('S001 / P0001');
  });
});
