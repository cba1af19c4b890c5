import { describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../../../src/lib/forecast/run/backtest-dataset';
import { packBacktest, seriesScores } from '../../../../src/lib/forecast/run/backtest-pack';
import { collectTransferables } from '../../../../src/workers/rpc';

const report = {
  datasetId: 'd',
  leaderboard: [{ modelId: 'naive' }, { modelId: 'snaive' }, { modelId: 'ensemble' }],
  perSeries: [
    { seriesId: 'a', mase: [0.5, null, 0.25], mape: [10, 20, null] },
    { seriesId: 'b', mase: [1, 2, 3], mape: [null, null, null] },
  ],
  result: { seriesIds: ['a', 'b'], forecast: new Float64Array(4) },
} as unknown as BacktestReport;

describe('packed backtest reports (issue #13)', () => {
  it('gives back each series\' scores per leaderboard model, null where undefined', () => {
    const packed = packBacktest(report);
    expect('perSeries' in packed).toBe(false);
    expect(seriesScores(packed, 0)).toEqual(report.perSeries[0]);
    expect(seriesScores(packed, 1)).toEqual(report.perSeries[1]);
  });
  it('has no series outside its range', () => {
    const packed = packBacktest(report);
    expect(seriesScores(packed, -1)).toBeNull();
    expect(seriesScores(packed, 2)).toBeNull();
  });
  it('travels as typed arrays: the per-series scores are transferred, not cloned object by object', () => {
    const packed = packBacktest(report);
    const buffers = collectTransferables(packed);
    expect(buffers).toContain(packed.perSeriesMase.buffer);
    expect(buffers).toContain(packed.perSeriesMape.buffer);
  });
});
