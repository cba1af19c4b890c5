/**
 * The test-span check of a trained LSTM: its accuracy on windows after its validation span, which neither trained it
 * nor chose its epoch, next to its own baseline (the untrained network: seasonal naive plus drift) and seasonal naive
 * on exactly the same windows, with the raw coverage of its own quantile interval. `scripts/train-demo-model.ts`
 * stores it in the shipped model's meta.json; the app shows it as it is. Pure TS apart from the model's predict.
 */
import { addPair, createAccumulator, seasonalNaiveScale, summarize, type AccuracyAccumulator } from '../forecast/evaluate/metrics';
import { buildSeriesFeatures, calendarTable, fitSeriesScale, periodDay, seasonalSource, type LstmInput } from './features';
import { firstSampleOffset, naiveForecasts } from './samples';
import type { LstmForecast, LstmMeta, LstmPredictOptions, SpanScores, TestSpanCheck } from './types';

export type { DaySpan, SpanScores, TestSpanCheck } from './types';

/** What the check needs of a model: its meta and its predict. */
export interface CheckedModel {
  /** Settings and training record. */
  meta: LstmMeta;
  /** Forecasts from an origin (history before it only). */
  predict(input: LstmInput, options: LstmPredictOptions): Promise<LstmForecast>;
}

const scoresOf = (acc: AccuracyAccumulator): SpanScores => {
  const s = summarize(acc);
  return { wape: s.wape, mase: s.mase, mape: s.mape, mae: s.mae };
};

/**
 * Scores `model` on every window with origin in [firstOrigin, periods − H] of `input` (the same data it was trained
 * on, continued past its training window). Throws when the data holds no such window.
 */
export async function checkTestSpan(model: CheckedModel, input: LstmInput, firstOrigin: number): Promise<TestSpanCheck> {
  const cfg = model.meta.config;
  const H = cfg.horizon;
  const periods = input.calendar.days.length;
  const lastOrigin = periods - H;
  if (!(firstOrigin >= 1 && firstOrigin <= lastOrigin)) throw new Error(`no test window: first origin ${firstOrigin}, last ${lastOrigin}`);
  const accs = { network: createAccumulator(), baseline: createAccumulator(), seasonalNaive: createAccumulator() };
  const levels = cfg.quantiles ?? [];
  let inside = 0;
  let covered = 0;
  let windows = 0;
  for (let o = firstOrigin; o <= lastOrigin; o++) {
    const fc = await model.predict(input, { origin: o });
    const table = calendarTable(input.calendar, cfg, o + H);
    fc.seriesIds.forEach((id, k) => {
      const s = input.series.find((x) => x.id === id)!;
      const scale = fitSeriesScale(s, o, cfg.covariates);
      const sf = scale ? buildSeriesFeatures(s, o, cfg, scale, 0, table) : null;
      if (!sf || fc.fallbackIds.includes(id)) return;
      const { seasonal, baseline } = naiveForecasts(sf, o, cfg);
      const history = s.values.subarray(0, Math.max(0, o - s.start));
      const mase = seasonalNaiveScale(history, cfg.seasonLength);
      windows++;
      for (let h = 0; h < H; h++) {
        const actual = s.values[o + h - s.start];
        if (!Number.isFinite(actual)) continue;
        addPair(accs.network, actual, fc.forecasts[k][h], mase);
        addPair(accs.baseline, actual, Math.max(0, baseline[h]), mase);
        // Seasonal naive from the data as it is (64-bit, as the app's seasonal naive model reads it); the feature
        // rows' 32-bit, gap-filled value only where the data has none.
        const raw = s.values[seasonalSource(sf, o, h, cfg.seasonLength) - s.start];
        addPair(accs.seasonalNaive, actual, Number.isFinite(raw) ? raw : seasonal[h], mase);
        if (fc.quantiles && levels.length > 1) {
          covered++;
          const lo = fc.quantiles[k][h];
          const hi = fc.quantiles[k][(levels.length - 1) * H + h];
          if (actual >= lo && actual <= hi) inside++;
        }
      }
    });
  }
  const net = model.meta.networks[0];
  const days = input.calendar.days;
  // The first training origin: the series' first observation plus the history and baseline the samples need.
  let first = Infinity;
  for (const s of input.series) {
    const i = s.values.findIndex((v) => Number.isFinite(v));
    if (i >= 0) first = Math.min(first, s.start + i);
  }
  const day = (p: number) => periodDay(input.calendar, p);
  const periodOf = (d: number) => {
    const i = days.findIndex((x) => x >= d);
    return i < 0 ? days.length : i;
  };
  const validationFrom = net?.heldOutFromDay;
  const trainEnd = periodOf(validationFrom ?? model.meta.originDay);
  return {
    trainTargets: { fromDay: day(first + firstSampleOffset(cfg)), toDay: day(trainEnd - 1) },
    validationTargets: validationFrom === undefined ? null : { fromDay: validationFrom, toDay: day(periodOf(model.meta.originDay) - 1) },
    testTargets: { fromDay: day(firstOrigin), toDay: day(periods - 1) },
    firstOrigin,
    lastOrigin,
    windows,
    points: accs.network.n,
    network: scoresOf(accs.network),
    baseline: scoresOf(accs.baseline),
    seasonalNaive: scoresOf(accs.seasonalNaive),
    interval: levels.length > 1 ? { lower: levels[0], upper: levels[levels.length - 1], coverage: covered > 0 ? inside / covered : null } : null,
  };
}
