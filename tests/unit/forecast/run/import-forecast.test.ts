import { describe, expect, it } from 'vitest';
import { dayFromYmd, isoFromDay } from '../../../../src/lib/core/dates';
import { createRng } from '../../../../src/lib/core/rng';
import { generateWeeklyStores } from '../../../../src/lib/demo/weekly-stores';
import { toCsv } from '../../../../src/lib/export/csv';
import { backtestDataset } from '../../../../src/lib/forecast/run/backtest-dataset';
import { forecastDataset, futureDays } from '../../../../src/lib/forecast/run/forecast-dataset';
import { forecastTable } from '../../../../src/lib/forecast/run/export';
import { readForecastFile } from '../../../../src/lib/forecast/run/import-forecast';

const dataset = generateWeeklyStores(createRng(7), { stores: 3, weeks: 70, lastFriday: dayFromYmd(2024, 12, 27), createdAt: 0 });

describe('readForecastFile', () => {
  it('reads a statsforecast long-format file: the chosen model, its 80 % interval as q10 and q90', () => {
    const days = futureDays(dataset.calendar, 3);
    const lines = ['unique_id,ds,AutoETS,AutoETS-lo-80,AutoETS-hi-80,SeasonalNaive'];
    dataset.series.forEach((s, i) => {
      for (let h = 0; h < 3; h++) lines.push(`${s.id},${isoFromDay(days[h])},${100 + i + h},${90 + i + h},${110 + i + h},${50 + h}`);
    });
    lines.push(`Store 99,${isoFromDay(days[0])},1,1,1,1`);
    const r = readForecastFile(lines.join('\n'), dataset, { fileName: 'sf.csv' });
    expect(r.models).toEqual(['AutoETS', 'SeasonalNaive']);
    expect(r.model).toBe('AutoETS');
    expect(r.unknownSeries).toEqual(['Store 99']);
    expect(r.missingSeries).toEqual([]);
    expect(r.forecast.horizon).toBe(3);
    expect(r.forecast.quantileLevels.map((q) => +q.toFixed(2))).toEqual([0.1, 0.9]);
    const s1 = r.forecast.series[1];
    expect([...s1.point]).toEqual([101, 102, 103]);
    expect([...s1.quantiles[0]]).toEqual([91, 92, 93]);
    expect([...s1.quantiles[1]]).toEqual([111, 112, 113]);
    expect(r.forecast.method).toMatch(/imported from sf\.csv: model AutoETS/);
    expect(readForecastFile(lines.join('\n'), dataset, { model: 'SeasonalNaive' }).forecast.series[0].point[2]).toBe(52);
  });

  it('round-trips the app\'s own forecast export', async () => {
    const report = await backtestDataset(dataset, { modelIds: ['naive', 'snaive'], horizon: 4, firstOrigin: 60, step: 2, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
    const own = await forecastDataset(dataset, report, { horizon: 4 });
    const back = readForecastFile(toCsv(forecastTable(own)), dataset).forecast;
    expect(back.quantileLevels).toEqual([0.1, 0.5, 0.9]);
    expect(back.horizon).toBe(4);
    own.series.forEach((s, i) => {
      for (let h = 0; h < 4; h++) {
        expect(back.series[i].point[h]).toBeCloseTo(s.point[h], 3);
        s.quantiles.forEach((q, j) => expect(back.series[i].quantiles[j][h]).toBeCloseTo(q[h], 3));
      }
      expect([...back.series[i].days]).toEqual([...s.days]);
    });
  });

  it('refuses files it cannot place, naming the problem', () => {
    expect(() => readForecastFile('a,b\n1,2', dataset)).toThrow(/needs unique_id and ds columns/);
    expect(() => readForecastFile(`unique_id,ds,M\n${dataset.series[0].id},2020-01-03,5`, dataset)).toThrow(/not a weekly period after the data's last one/);
    expect(() => readForecastFile('unique_id,ds,M\nnobody,2025-01-03,5', dataset)).toThrow(/matches none of the dataset's series/);
  });
});
