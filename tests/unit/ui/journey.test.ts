import { describe, expect, it } from 'vitest';
import { mapeVerdict } from '../../../src/ui/forecast/metric-choice';
import { forecastTotals, groupColumns, groupTotals, leadModels, MAX_GROUP_ROWS, totalForecast } from '../../../src/lib/forecast/run/forecast-totals';
import { modelLabel } from '../../../src/ui/forecast/labels';
import { defaultForecastSettings, maybeForecastSettings, quickBacktestSettings } from '../../../src/ui/state/forecast-settings';
import { downloadName, fileSafe } from '../../../src/ui/download-names';
import type { SeriesForecast } from '../../../src/lib/forecast/run/forecast-dataset';
import { packForecast } from '../../../src/lib/forecast/run/forecast-pack';
import { holidayPeriodUplifts } from '../../../src/ui/components/holiday-periods';

const backtest = (actual: number[], level: number[], horizon: number) => ({ rows: level.length, horizon, actual: Float64Array.from(actual), level: Float64Array.from(level) });

describe('mapeVerdict (issue #14, point 4)', () => {
  it('shows MAPE when no actual value is near zero', () => {
    const v = mapeVerdict(backtest([100, 90, 110, 95], [100, 100], 2));
    expect(v).toMatchObject({ scored: 4, nearZero: 0, meaningful: true });
    expect(v.reason).toMatch(/^MAPE is shown/);
  });
  it('hides MAPE when zeros or values under 5% of the level are more than 1% of the actuals, and says why', () => {
    const v = mapeVerdict(backtest([100, 0, 110, 4], [100, 100], 2));
    expect(v).toMatchObject({ scored: 4, nearZero: 2, meaningful: false });
    expect(v.reason).toMatch(/^MAPE is hidden: 50% of the 4 actual values are zero/);
  });
  it('skips missing actuals and is not meaningful with nothing scored', () => {
    expect(mapeVerdict(backtest([NaN, 100], [100], 2))).toMatchObject({ scored: 1, meaningful: true });
    expect(mapeVerdict(backtest([NaN, NaN], [100], 2)).meaningful).toBe(false);
  });
});

const fc = (seriesId: string, point: number[], modelIds: string[]): SeriesForecast => ({ seriesId, days: Int32Array.from(point, (_, i) => 100 + 7 * i), point: Float64Array.from(point), quantiles: [], modelIds });

describe('future totals (issue #14, point 6)', () => {
  const summary = {
    keys: [{ Store: '1', Dept: 'a' }, { Store: '1', Dept: 'b' }, { Store: '2', Dept: 'a' }],
    attributes: [{ Type: 'A' }, { Type: 'A' }, { Type: 'B' }],
    stats: [{ id: '1 / a', mean: 10 }, { id: '1 / b', mean: 20 }, { id: '2 / a', mean: 0 }] as never,
  };
  const series = [fc('1 / a', [10, 12], ['sdiff-ses', 'snaive']), fc('1 / b', [30, 30], ['sdiff-ses']), fc('2 / a', [5, 5], ['stl-ets'])];
  const packed = packForecast({ datasetId: 'd', createdAt: 0, horizon: 2, quantileLevels: [], periodDays: 7, method: '', series });
  it('sums the point forecasts per period', () => {
    expect(Array.from(totalForecast(packed).point)).toEqual([45, 47]);
    expect(Array.from(totalForecast(packed).days)).toEqual([100, 107]);
  });
  it('offers key columns and attributes that group several series', () => {
    expect(groupColumns(summary)).toEqual(['Store', 'Dept', 'Type']);
  });
  it('totals by group with the change against the history per period, largest first', () => {
    const rows = groupTotals(packed, summary, 'Store');
    expect(rows.map((r) => [r.group, r.series, r.forecast, r.perPeriod, r.historyPerPeriod])).toEqual([['1', 2, 82, 41, 30], ['2', 1, 10, 5, 0]]);
    expect(rows[0].change).toBeCloseTo(41 / 30 - 1, 10);
    expect(rows[1].change).toBeNaN();
  });
  it('finds each series by id when the forecast lists them in another order, and leaves out a series the summary lacks', () => {
    const shuffled = packForecast({ datasetId: 'd', createdAt: 0, horizon: 2, quantileLevels: [], periodDays: 7, method: '', series: [series[2], fc('gone', [99, 99], ['naive']), series[0], series[1]] });
    expect(groupTotals(shuffled, summary, 'Store').map((r) => [r.group, r.series, r.forecast])).toEqual([['1', 2, 82], ['2', 1, 10]]);
  });
  it('comes from the worker whole: the total, the leads and every grouping column; no groups without a summary', () => {
    const t = forecastTotals(packed, summary);
    expect(Array.from(t.total.point)).toEqual([45, 47]);
    expect(t.leads).toEqual(leadModels(packed));
    expect(t.groups.map((g) => [g.column, g.rows.length, g.more])).toEqual([['Store', 2, 0], ['Dept', 2, 0], ['Type', 2, 0]]);
    expect(forecastTotals(packed, null).groups).toEqual([]);
  });
  it(`lists at most ${MAX_GROUP_ROWS} groups per column, the largest, and counts the rest`, () => {
    const n = MAX_GROUP_ROWS + 5;
    const many = Array.from({ length: 2 * n }, (_, i) => fc(`s${i}`, [i, i], ['naive']));
    const big = packForecast({ datasetId: 'd', createdAt: 0, horizon: 2, quantileLevels: [], periodDays: 7, method: '', series: many });
    const sum = { keys: many.map((_, i) => ({ Store: String(i >> 1) })), attributes: many.map(() => null), stats: many.map((s) => ({ id: s.seriesId, mean: 1 })) as never };
    const [g] = forecastTotals(big, sum).groups;
    expect([g.rows.length, g.more, g.rows[0].group]).toEqual([MAX_GROUP_ROWS, 5, String(n - 1)]);
  });
  it('counts the model leading each series', () => {
    expect(leadModels(packed)).toEqual([{ modelId: 'sdiff-ses', series: 2 }, { modelId: 'stl-ets', series: 1 }]);
  });
});

describe('labels (issue #14, point 4)', () => {
  it('names every model id in words and leaves an unknown id as it is', () => {
    expect(modelLabel('stl-ets')).toBe('STL + ETS (as stlf)');
    expect(modelLabel('sdiff-ses')).toBe('Seasonal naive + smoothed change');
    expect(modelLabel('ensemble')).toBe('Ensemble');
    expect(modelLabel('my-model')).toBe('my-model');
  });
});

describe('forecast settings (issue #14, point 2)', () => {
  const defaults = defaultForecastSettings({ frequency: 'weekly', seriesCount: 30 }, 156);
  it('defaults by frequency and history', () => {
    expect(defaults).toMatchObject({ horizon: 8, firstOrigin: 105, step: 1, ensembleK: 2, futureHorizon: 8 });
  });
  it('keeps well-formed stored values and replaces the rest with the defaults', () => {
    const s = maybeForecastSettings({ modelIds: ['snaive', 'nope'], horizon: 5, step: -2, ensembleK: 9, lstm: { enabled: true, units: 'x' } }, defaults, 156);
    expect(s).toMatchObject({ modelIds: ['snaive'], horizon: 5, step: 1, ensembleK: 2 });
    expect(s.lstm).toMatchObject({ enabled: true, units: 32 });
    expect(maybeForecastSettings('garbage', defaults, 156)).toBe(defaults);
  });
  it("keeps the LSTM's covariate choice only once made, as a boolean", () => {
    expect(maybeForecastSettings({ lstm: { covariates: true } }, defaults, 156).lstm.covariates).toBe(true);
    expect(maybeForecastSettings({ lstm: { covariates: false } }, defaults, 156).lstm.covariates).toBe(false);
    expect('covariates' in maybeForecastSettings({ lstm: { covariates: 'yes' } }, defaults, 156).lstm).toBe(false);
    expect('covariates' in defaults.lstm).toBe(false);
  });
  it('backs a direct future forecast with the last three windows of its horizon', () => {
    expect(quickBacktestSettings({ ...defaults, futureHorizon: 8 }, 156)).toMatchObject({ horizon: 8, step: 8, lastOrigin: 148, firstOrigin: 132 });
  });
});

describe('download names (issue #14, point 15)', () => {
  it('say what, which dataset and when, with no id', () => {
    expect(downloadName('forecast', 'Demo: weekly store sales', 'csv', new Date(2026, 11, 7))).toBe('forecast-Demo-weekly-store-sales-2026-12-07.csv');
    expect(fileSafe('  ')).toBe('dataset');
  });
});

describe('holidayPeriodUplifts (issue #14, point 13)', () => {
  it('compares each holiday period with the non-holiday periods around it', () => {
    const total = [100, 100, 150, 100, 100, 100, 200, 100];
    const holidays = [0, 0, 1, 0, 0, 0, 1, 0];
    const u = holidayPeriodUplifts(total, holidays, 2);
    expect(u.map((x) => x.index)).toEqual([2, 6]);
    expect(u[0].uplift).toBeCloseTo(0.5, 10);
    expect(u[1].uplift).toBeCloseTo(1, 10);
  });
  it('gives NaN with no neighbour to compare with', () => {
    expect(holidayPeriodUplifts([5, 6], [1, 1], 1).map((x) => x.uplift)).toEqual([NaN, NaN]);
  });
});
