import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../../src/lib/core/dates';
import { createRng } from '../../../../src/lib/core/rng';
import { generateWeeklyStores } from '../../../../src/lib/demo/weekly-stores';
import { backtestDataset } from '../../../../src/lib/forecast/run/backtest-dataset';
import { forecastDataset } from '../../../../src/lib/forecast/run/forecast-dataset';
import { forecastDatasetParallel, forecastPartitioned, runStatForecast } from '../../../../src/lib/forecast/run/forecast-parallel';
import { fromForecastWire, toForecastWire } from '../../../../src/workers/stat-service';

describe('forecastDatasetParallel', () => {
  it('gives exactly forecastDataset, in this thread or split in 1 or 3 parts through the wire format', async () => {
    const dataset = generateWeeklyStores(createRng(5), { stores: 5, weeks: 80, lastFriday: dayFromYmd(2024, 12, 27), createdAt: 0 });
    const report = await backtestDataset(dataset, { modelIds: ['naive', 'snaive', 'ses', 'sdiff-ses'], horizon: 4, firstOrigin: 64, step: 4, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
    const plain = await forecastDataset(dataset, report, { horizon: 6 });
    const points = (f: Awaited<ReturnType<typeof forecastDataset>>) => f.series.flatMap((s) => [...s.point, ...s.quantiles.flatMap((q) => [...q])]);
    expect(points(await forecastDatasetParallel(dataset, report, { horizon: 6 }))).toEqual(points(plain));
    for (const parts of [1, 3]) {
      const viaWire = await forecastDatasetParallel(dataset, report, {
        horizon: 6,
        runForecast: (req, opts) => forecastPartitioned(req, parts, (part, o) => runStatForecast(fromForecastWire(toForecastWire(part)), o), opts),
      });
      expect(points(viaWire)).toEqual(points(plain));
      expect(viaWire.series.map((s) => s.modelIds)).toEqual(plain.series.map((s) => s.modelIds));
    }
  });

  it('a cancelled forecast rejects with an AbortError', async () => {
    const histories = [Float64Array.from({ length: 30 }, (_, t) => t)];
    const c = new AbortController();
    c.abort();
    await expect(runStatForecast({ histories, modelIds: ['naive'], need: Uint8Array.of(1), horizon: 2, seasonLength: 1 }, { signal: c.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
