import { invalidOption, maybeInteger } from '../core/errors';
import { prepareHistory } from './history';

/**
 * The statistical model contract. Every model is a pure function of its history: no state survives between
 * calls, so a backtest that refits at each origin can reuse one model object for every series.
 */

/** Options that describe the series rather than the model. */
export interface ForecastContext {
  /** Periods in one seasonal cycle: 7 for daily data, 52 weekly, 12 monthly; 1 = no seasonality. Integer ≥ 1. */
  seasonLength: number;
  /** Clip forecasts at 0, since demand cannot be negative. Default true. */
  nonNegative?: boolean;
  /**
   * Fits from earlier origins of the same series, which a model may start its search from. A rolling backtest
   * passes one store per series and calls that series' origins in order, so a result depends only on the
   * series' own earlier origins (never on other series or on how series are split between workers). Absent:
   * every fit starts cold.
   */
  warm?: WarmStarts | null;
}

/** Per-series store of earlier fits, by model id (see `ForecastContext.warm`). */
export type WarmStarts = Map<string, Map<string, unknown>>;

/** A point-forecast model. */
export interface StatModel {
  /** Stable machine id, e.g. 'snaive' or 'ets-auto'; unique within one backtest. */
  readonly id: string;
  /** Short label for tables and charts, e.g. 'Seasonal naive'. */
  readonly label: string;
  /**
   * Forecasts `horizon` periods after the end of `history`.
   * `history` may hold NaN (missing periods): they are filled by `prepareHistory` before the model sees them.
   * The result has length `horizon`, holds only finite numbers and, unless `ctx.nonNegative === false`, none below 0.
   */
  forecast(history: Float64Array, horizon: number, ctx: ForecastContext): Float64Array;
}

/** The largest horizon any model accepts, in periods (ten years of daily data). */
export const MAX_HORIZON = 3660;

/** Returns `value` when it is an integer horizon in [1, MAX_HORIZON] periods, else throws `invalid horizon: …`. */
export function maybeHorizon(value: unknown): number {
  return maybeInteger('horizon', value, 1, MAX_HORIZON);
}

/** Returns `value` when it is an integer season length in [1, 366] periods, else throws `invalid seasonLength: …`. */
export function maybeSeasonLength(value: unknown): number {
  return maybeInteger('seasonLength', value, 1, 366);
}

/** Validates a context and fills its defaults; throws naming the bad field. */
export function maybeForecastContext(ctx: unknown): Required<ForecastContext> {
  if (ctx == null || typeof ctx !== 'object') invalidOption('context', ctx, 'an object with seasonLength');
  const { seasonLength, nonNegative = true, warm = null } = ctx as ForecastContext;
  if (typeof nonNegative !== 'boolean') invalidOption('nonNegative', nonNegative, 'a boolean');
  if (warm !== null && !(warm instanceof Map)) invalidOption('warm', warm, 'a Map or null');
  return { seasonLength: maybeSeasonLength(seasonLength), nonNegative, warm };
}

/** What a model body sees: the validated context, with `warm` narrowed to this model's own store (or null). */
export interface ModelContext {
  /** Periods per season. */
  seasonLength: number;
  /** Clip at 0. */
  nonNegative: boolean;
  /** This model's fits at earlier origins of the same series (keys are the model's own), or null. */
  warm: Map<string, unknown> | null;
}

/**
 * The body of a model: forecasts from a clean history (no NaN, length ≥ 1). It may return non-finite
 * values when it breaks down; `defineModel` replaces those.
 */
export type ModelBody = (history: Float64Array, horizon: number, ctx: ModelContext) => Float64Array;

/**
 * Wraps a model body with the contract every model shares:
 * 1. `horizon` and `ctx` are validated (throwing `invalid horizon: 0` and the like);
 * 2. the history goes through `prepareHistory` (leading NaN trimmed, gaps filled);
 * 3. an empty history (no observation at all) forecasts 0 for every period;
 * 4. any non-finite value the body returns is replaced by the last observation (the naive forecast);
 * 5. values are clipped at 0 unless `ctx.nonNegative === false`.
 */
export function defineModel(id: string, label: string, body: ModelBody): StatModel {
  return {
    id,
    label,
    forecast(history, horizon, ctx) {
      const h = maybeHorizon(horizon);
      const c = maybeForecastContext(ctx);
      if (!(history instanceof Float64Array)) invalidOption('history', history, 'a Float64Array');
      const y = prepareHistory(history, c.seasonLength);
      const out = new Float64Array(h);
      if (y.length === 0) return out;
      let warm: Map<string, unknown> | null = null;
      if (c.warm) {
        warm = c.warm.get(id) ?? null;
        if (!warm) c.warm.set(id, (warm = new Map()));
      }
      const raw = body(y, h, { seasonLength: c.seasonLength, nonNegative: c.nonNegative, warm });
      const last = y[y.length - 1];
      for (let i = 0; i < h; i++) {
        const v = i < raw.length ? raw[i] : NaN;
        out[i] = Number.isFinite(v) ? v : last;
        if (c.nonNegative && out[i] < 0) out[i] = 0;
      }
      return out;
    },
  };
}
