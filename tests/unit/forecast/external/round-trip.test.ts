import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../../src/lib/core/dates';
import { createRng } from '../../../../src/lib/core/rng';
import { generateWeeklyStores } from '../../../../src/lib/demo/weekly-stores';
import { toCsv } from '../../../../src/lib/export/csv';
import { readForecastFile } from '../../../../src/lib/forecast/external/read-file';
import { backtestDataset } from '../../../../src/lib/forecast/run/backtest-dataset';
import { forecastTable } from '../../../../src/lib/forecast/run/export';
import { forecastDataset } from '../../../../src/lib/forecast/run/forecast-dataset';

describe("the app's forecast export read back as a forecast made elsewhere", () => {
  it('gives the same numbers (to the export\'s 4 decimals), dates, levels and series', async () => {
    const dataset = generateWeeklyStores(createRng(7), { stores: 4, weeks: 70, lastFriday: dayFromYmd(2024, 12, 27), createdAt: 0 });
    const report = await backtestDataset(dataset, { modelIds: ['naive', 'snaive', 'ses'], horizon: 6, firstOrigin: 56, step: 2, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
    const original = await forecastDataset(dataset, report, { horizon: 6 });
    const text = toCsv(forecastTable(original));
    const back = await readForecastFile(new Blob([text]), { datasetId: dataset.meta.id, name: dataset.meta.name, calendar: dataset.calendar, seriesIds: dataset.series.map((s) => s.id) }, { fileName: 'forecast-demo.csv' });
    expect(back.report.fatal).toBe(false);
    // The export's horizon and models columns are recognised and skipped, nothing else is a problem.
    expect(back.report.issues.map((i) => i.code)).toEqual(['ignored-column', 'ignored-column']);
    expect(back.models).toHaveLength(1);
    const imported = back.models[0].forecast;
    expect(back.models[0].label).toBe('forecast, imported from forecast-demo.csv');
    expect(imported.quantileLevels).toEqual(original.quantileLevels);
    expect(imported.horizon).toBe(original.horizon);
    expect(imported.periodDays).toBe(original.periodDays);
    expect(imported.series.map((s) => s.seriesId)).toEqual(original.series.map((s) => s.seriesId));
    let compared = 0;
    original.series.forEach((o, i) => {
      const s = imported.series[i];
      expect(Array.from(s.days)).toEqual(Array.from(o.days));
      for (let h = 0; h < o.point.length; h++) {
        expect(Math.abs(s.point[h] - o.point[h])).toBeLessThanOrEqual(5e-5);
        o.quantiles.forEach((q, j) => expect(Math.abs(s.quantiles[j][h] - q[h])).toBeLessThanOrEqual(5e-5));
        compared += 1 + o.quantiles.length;
      }
    });
    expect(compared).toBe(4 * 6 * 4);
  });
});
