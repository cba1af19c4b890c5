import { describe, expect, it } from 'vitest';
import { addPeriods, dayFromYmd, isoFromDay, type Frequency } from '../../../../src/lib/core/dates';
import type { Calendar } from '../../../../src/lib/dataset/types';
import { readForecastFile, type ImportTarget } from '../../../../src/lib/forecast/external/read-file';

/** A weekly dataset of three series ending Friday 2024-12-27. */
function target(frequency: Frequency = 'weekly', last = dayFromYmd(2024, 12, 27)): ImportTarget {
  const n = 30;
  const days = Int32Array.from({ length: n }, (_, i) => addPeriods(last, i - n + 1, frequency));
  const calendar: Calendar = { frequency, days, holidays: new Uint8Array(n) };
  return { datasetId: 'd1', name: 'Shops', calendar, seriesIds: ['1', '2', '3'] };
}

const next = (h: number, t = target()) => isoFromDay(addPeriods(t.calendar.days.at(-1)!, h, t.calendar.frequency));
const file = (lines: string[]) => new Blob([lines.join('\n')]);
const read = (lines: string[], t = target()) => readForecastFile(file(lines), t, { fileName: 'fc.csv', createdAt: 5 });

describe('readForecastFile: the long format statsforecast writes', () => {
  it('reads each model, its intervals as quantiles, onto the periods after the dataset', async () => {
    const lines = ['unique_id,ds,AutoETS,AutoETS-lo-95,AutoETS-lo-80,AutoETS-hi-80,AutoETS-hi-95,AutoARIMA'];
    for (const id of ['1', '2']) for (let h = 1; h <= 4; h++) lines.push(`${id},${next(h)},${10 * h + Number(id)},${h},${2 * h},${20 * h},${30 * h},${h + 0.5}`);
    const out = await read(lines);
    expect(out.report.fatal).toBe(false);
    expect(out.models.map((m) => m.label)).toEqual(['AutoETS, imported from fc.csv', 'AutoARIMA, imported from fc.csv']);
    const [ets, arima] = out.models.map((m) => m.forecast);
    expect(ets.quantileLevels).toEqual([0.025, 0.1, 0.9, 0.975]);
    expect(ets.horizon).toBe(4);
    expect(ets.periodDays).toBe(7);
    expect(ets.external).toMatchObject({ fileName: 'fc.csv', model: 'AutoETS', quantileSource: 'intervals', pointIsMedian: false });
    expect(ets.method).toMatch(/AutoETS, imported from fc\.csv.*quantiles from the file's intervals: 0\.025 \(AutoETS-lo-95\)/);
    const s2 = ets.series.find((s) => s.seriesId === '2')!;
    expect(Array.from(s2.point)).toEqual([12, 22, 32, 42]);
    expect(Array.from(s2.quantiles[0])).toEqual([1, 2, 3, 4]);
    expect(Array.from(s2.quantiles[3])).toEqual([30, 60, 90, 120]);
    expect(Array.from(s2.days, isoFromDay)).toEqual([1, 2, 3, 4].map((h) => next(h)));
    expect(s2.modelIds).toEqual(['AutoETS, imported from fc.csv']);
    expect(arima.quantileLevels).toEqual([]);
    expect(arima.external.quantileSource).toBe('none');
    expect(arima.method).toMatch(/no intervals or quantiles in the file.*Poisson/);
    expect(Array.from(arima.series[0].point)).toEqual([1.5, 2.5, 3.5, 4.5]);
    expect(out.seriesWithout).toBe(1);
    expect(out.firstDate).toBe(next(1));
  });

  it('reads neuralforecast quantile columns, with the median as the point when there is no mean column', async () => {
    const lines = ['unique_id,ds,NHITS-median,NHITS-lo-90,NHITS-hi-90,TFT,TFT_ql0.1,TFT_ql0.9,LGBM,LGBM-q-25,LGBM-q-75'];
    for (let h = 1; h <= 3; h++) lines.push(`1,${next(h)},${h * 10},${h},${h * 30},${h},${h - 0.5},${h + 0.5},${h},${h - 0.25},${h + 0.25}`);
    const out = await read(lines);
    const [nhits, tft, lgbm] = out.models.map((m) => m.forecast);
    expect(nhits.quantileLevels).toEqual([0.05, 0.5, 0.95]);
    expect(nhits.external.pointIsMedian).toBe(true);
    expect(nhits.method).toMatch(/the median \(NHITS-median; the file has no "NHITS" column\)/);
    expect(nhits.external.quantileSource).toBe('intervals and quantiles');
    expect(Array.from(nhits.series[0].point)).toEqual([10, 20, 30]);
    expect(tft.quantileLevels).toEqual([0.1, 0.9]);
    expect(tft.external.quantileSource).toBe('quantiles');
    expect(lgbm.quantileLevels).toEqual([0.25, 0.75]);
  });

  it('reads midnight times as pandas writes them, with or without a UTC offset, and refuses other times', async () => {
    const out = await read(['unique_id,ds,M', `1,${next(1)}T00:00:00,1`, `1,${next(2)} 00:00:00+00:00,2`, `1,${next(3)} 00:00:00Z,3`, `2,${next(1)} 13:00:00,4`]);
    expect(Array.from(out.models[0].forecast.series[0].point)).toEqual([1, 2, 3]);
    expect(out.report.issues.find((i) => i.code === 'bad-date')).toMatchObject({ row: 5, value: `${next(1)} 13:00:00` });
  });

  it('matches monthly dates by month, whatever day of the month the library writes', async () => {
    const t = target('monthly', dayFromYmd(2024, 6, 1));
    const out = await read(['unique_id,ds,Naive', '1,2024-07-31,5', '1,2024-08-31 00:00:00,6'], t);
    expect(Array.from(out.models[0].forecast.series[0].days, isoFromDay)).toEqual(['2024-07-01', '2024-08-01']);
  });
});

describe('readForecastFile: problems are reported by row, column and value, never thrown', () => {
  it('skips rows it cannot place and shortens a series at its first hole', async () => {
    const lines = [
      'unique_id,ds,AutoETS',
      `1,${next(1)},5`,
      `1,${next(2)},abc`, // line 3: bad number → series 1 stops after 1 period
      `1,${next(3)},7`,
      `9,${next(1)},5`, // line 5: unknown id
      `9,${next(2)},5`,
      `2,2024-12-20,5`, // line 7: in the history
      `2,2024-12-31,5`, // line 8: not a Friday
      `2,31/01/2025,5`, // line 9: not ISO
      `2,${next(1)},-3`, // negative → 0
      `2,${next(1)},4`, // line 11: duplicate
      `2,${next(2)},6`,
      `2,${next(3)},`, // line 13: empty
      `,${next(1)},1`, // line 14: no id
    ];
    const out = await read(lines);
    expect(out.report.fatal).toBe(false);
    const issue = (code: string) => out.report.issues.filter((i) => i.code === code);
    expect(issue('bad-number')[0]).toMatchObject({ row: 3, column: 'AutoETS', value: 'abc' });
    expect(issue('unknown-series')).toHaveLength(1);
    expect(issue('unknown-series')[0]).toMatchObject({ row: 5, column: 'unique_id', value: '9' });
    expect(issue('unknown-series')[0].message).toMatch(/Row 5, unique_id "9": no series of Shops/);
    expect(out.unmatchedRows).toBe(2);
    expect(out.unmatchedIds).toBe(1);
    expect(issue('date-in-history')[0]).toMatchObject({ row: 7, column: 'ds', value: '2024-12-20' });
    expect(issue('off-grid-date')[0].message).toMatch(/fall on a Friday.*W-FRI/);
    expect(issue('bad-date')[0]).toMatchObject({ row: 9, value: '31/01/2025' });
    expect(issue('duplicate-row')[0]).toMatchObject({ row: 11 });
    expect(issue('duplicate-row')[0].message).toMatch(/first on row 10/);
    expect(issue('missing-value')[0]).toMatchObject({ row: 13, column: 'AutoETS' });
    expect(issue('missing-id')[0]).toMatchObject({ row: 14 });
    expect(issue('negative-value')[0].message).toMatch(/1 negative value set to 0/);
    const fc = out.models[0].forecast;
    expect(fc.horizon).toBe(2);
    expect(Array.from(fc.series.find((s) => s.seriesId === '1')!.point)).toEqual([5]);
    expect(Array.from(fc.series.find((s) => s.seriesId === '2')!.point)).toEqual([0, 6]);
    expect(issue('short-series')[0]).toMatchObject({ row: 3, column: 'AutoETS', value: '1' });
    expect(issue('short-series')[0].message).toMatch(/forecast for 1 of 2 periods only \(row 3, column AutoETS has no number\)/);
  });

  it('takes a blank cell as missing, not as 0', async () => {
    const out = await read(['unique_id,ds,M', `1,${next(1)},4`, `1,${next(2)},"  "`, `1,${next(3)}, 6 `]);
    expect(Array.from(out.models[0].forecast.series[0].point)).toEqual([4]);
    expect(out.report.issues.find((i) => i.code === 'missing-value')).toMatchObject({ row: 3, column: 'M' });
  });

  it('sorts crossing quantiles and says so', async () => {
    const out = await read(['unique_id,ds,M,M-lo-80,M-hi-80', `1,${next(1)},5,9,2`]);
    expect(Array.from(out.models[0].forecast.series[0].quantiles, (q) => q[0])).toEqual([2, 9]);
    expect(out.report.issues.find((i) => i.code === 'crossing-quantiles')!.message).toMatch(/1 period/);
  });

  it.each([
    ['an empty file', [''], 'empty-file'],
    ['a header only', ['unique_id,ds,AutoETS'], 'empty-file'],
    ['no id column', ['item,ds,AutoETS', `1,${next(1)},5`], 'no-id-column'],
    ['no date column', ['unique_id,week,AutoETS', `1,${next(1)},5`], 'no-date-column'],
    ['no model column', ['unique_id,ds,y', `1,${next(1)},5`], 'no-model-column'],
    ['a cross-validation file', ['unique_id,ds,cutoff,y,AutoETS', `1,${next(1)},2024-12-27,4,5`], 'cross-validation-file'],
    ['no row on the dataset', ['unique_id,ds,AutoETS', `7,${next(1)},5`], 'nothing-usable'],
  ])('refuses %s with a reason', async (_, lines, code) => {
    const out = await read(lines as string[]);
    expect(out.report.fatal).toBe(true);
    expect(out.models).toEqual([]);
    expect(out.report.issues.some((i) => i.code === code && i.severity === 'fatal')).toBe(true);
  });

  it('refuses a file over the size limit before reading it, saying the size and what to do', async () => {
    const out = await readForecastFile(file(['unique_id,ds,M', `1,${next(1)},5`]), target(), { fileName: 'big.csv', maxBytes: 10 });
    expect(out.report.fatal).toBe(true);
    expect(out.report.issues[0]).toMatchObject({ code: 'too-large' });
    expect(out.report.issues[0].message).toMatch(/big\.csv is 0 MB; a forecast file here can be at most about 0 MB\. Split it by store/);
  });

  it('refuses binary bytes and survives ragged rows, quotes and odd headers', async () => {
    const bin = await readForecastFile(new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 0, 1, 2])]), target(), { fileName: 'x.xlsx' });
    expect(bin.report.fatal).toBe(true);
    expect(bin.report.issues[0].code).toBe('not-text');
    const odd = await read(['\uFEFF,unique_id,ds,"Auto ETS",q10,Unnamed: 0,x-lo-200', `0,1,${next(1)},"5"`, `1,"2",${next(1)},6,1,2,3,4,5`]);
    expect(odd.report.fatal).toBe(false);
    expect(odd.models.map((m) => m.model)).toEqual(['Auto ETS']);
    expect(odd.report.issues.filter((i) => i.code === 'ignored-column').map((i) => i.column)).toEqual(['', 'Unnamed: 0', 'x-lo-200']);
    expect(odd.models[0].forecast.quantileLevels).toEqual([0.1]);
  });
});

describe("readForecastFile: Prophet's columns", () => {
  it('reads yhat as a model and refuses to guess the level of yhat_lower / yhat_upper', async () => {
    const out = await read(['unique_id,ds,yhat,yhat_lower,yhat_upper', `1,${next(1)},5,3,7`]);
    expect(out.models.map((m) => [m.model, m.forecast.quantileLevels])).toEqual([['yhat', []]]);
    expect(out.report.issues.filter((i) => i.code === 'ignored-column').map((i) => i.column)).toEqual(['yhat_lower', 'yhat_upper']);
    expect(out.report.issues[0].message).toMatch(/yhat_lower → yhat-lo-80 for interval_width=0\.8/);
  });
});

describe('readForecastFile: ids of several keys', () => {
  it("matches 'S01_I002' and 'S01-I002' to the series 'S01 / I002', and refuses a spelling that fits two", async () => {
    const t = { ...target(), seriesIds: ['S01 / I002', 'S01 / I003', 'A_B / C', 'A / B_C'] };
    const out = await read(['unique_id,ds,M', `S01_I002,${next(1)},1`, `S01-I003,${next(1)},2`, `A_B_C,${next(1)},3`, `S01 / I002,${next(2)},4`], t);
    const fc = out.models[0].forecast;
    expect(fc.series.map((s) => [s.seriesId, Array.from(s.point)])).toEqual([['S01 / I002', [1, 4]], ['S01 / I003', [2]]]);
    expect(out.report.issues.find((i) => i.code === 'unknown-series')!.message).toMatch(/Row 4, unique_id "A_B_C": fits several series of Shops/);
  });
});

describe('readForecastFile never throws on garbage', () => {
  it('200 files of random cells, quotes, separators and bytes: each gets a report', async () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const tokens = ['unique_id', 'ds', 'AutoETS', 'AutoETS-lo-80', 'x-hi-', '_ql', '-median', '1', '2', '-5', 'NaN', '', '"', '""', ',', ';', '\t', '\n', '\r\n', next(1), next(2), '2024-13-45', 'é', '\u0000', 'q50', 'cutoff', '1e309', ' '];
    for (let k = 0; k < 200; k++) {
      const n = Math.floor(rand() * 60);
      const text = Array.from({ length: n }, () => tokens[Math.floor(rand() * tokens.length)]).join(rand() < 0.5 ? ',' : '');
      const header = rand() < 0.6 ? 'unique_id,ds,AutoETS,AutoETS-lo-80,AutoETS-hi-80\n' : '';
      const out = await readForecastFile(new Blob([header + text]), target(), { fileName: `f${k}.csv` });
      expect(out.report).toBeDefined();
      for (const m of out.models) for (const s of m.forecast.series) for (const v of s.point) expect(v).toBeGreaterThanOrEqual(0);
    }
  });
});
