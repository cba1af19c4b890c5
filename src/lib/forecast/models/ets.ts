import { invalidOption, maybeInteger, maybeOneOf } from '../../core/errors';
import { etsFilter, etsForecastFromState, type EtsSpec } from './ets-core';
import { canFitEts, etsFreeParameterCount, fitEts, type EtsFit } from './ets-fit';
import { fitWindowStart, MAX_SKIPS, SKIP_AICC_GAP, warmEntry, warmParams, type WarmContext, type WarmEntry } from './ets-warm';
import { isStrictlyPositive } from '../history';
import { naiveForecast } from './naive';
import { defineModel, type StatModel } from '../types';

/** Options shared by the ETS models. */
export interface EtsCommonOptions {
  /** Optimiser budget per fitted model, in objective evaluations. Default: see EtsFitOptions. Integer ≥ 10. */
  maxEvaluations?: number;
}

/** Options of `createEtsModel`: one fixed ETS form. */
export interface EtsModelOptions extends EtsCommonOptions {
  /** Error type 'A' or 'M'. Default 'A'. */
  error?: 'A' | 'M';
  /** Trend 'N', 'A' or 'Ad'. Default 'N'. */
  trend?: 'N' | 'A' | 'Ad';
  /** Season 'N', 'A' or 'M'. Default 'N'. */
  season?: 'N' | 'A' | 'M';
}

/** Options of `createAutoEtsModel`: selection by AICc among candidate forms, as forecast::ets(model = "ZZZ"). */
export interface AutoEtsOptions extends EtsCommonOptions {
  /** Consider seasonal forms. Default true. They are skipped anyway when m < 2, m > 24 or n < 2m. */
  seasonal?: boolean;
  /** Consider multiplicative errors and seasons (only ever for strictly positive series). Default true. */
  multiplicative?: boolean;
  /** Damped trend: true = only damped, false = never, undefined = both (default). */
  damped?: boolean;
  /** In a rolling backtest, a form whose AICc trailed the best by more than this at the previous origin is
   * skipped (at most MAX_SKIPS origins in a row). Default SKIP_AICC_GAP (30). */
  skipAiccGap?: number;
}

/** A form searched from scratch that is still more than this many AICc points behind the best one after
 * `ABANDON_AFTER` evaluations is abandoned (`fitEts`'s `abandonAiccAbove`); see docs/fast-ets.md, "Daily series". */
export const ABANDON_AICC_GAP = 60;

/** Seasonal ETS forms are only considered up to this season length, as in forecast::ets. */
export const MAX_ETS_SEASON_LENGTH = 24;

/** Point forecasts of a fitted model for the `horizon` periods after its history `y`. */
export function forecastFromFit(y: Float64Array, fit: EtsFit, horizon: number): Float64Array {
  const final = etsFilter(y, fit.spec, fit.params);
  return etsForecastFromState(fit.spec, fit.params.phi, final, y.length, horizon);
}

/**
 * The spec actually fitted for a requested one, after documented fallbacks for data that cannot carry it:
 * 1. multiplicative parts on a series with a value ≤ 0 become additive;
 * 2. a season with m < 2 or fewer than two whole seasons (n < 2m) is dropped;
 * 3. while there are fewer than (free parameters + 3) observations, the season and then the trend are dropped;
 * 4. below 3 observations nothing is fitted (null: the caller uses the naive forecast).
 */
export function fallbackSpec(y: Float64Array, spec: EtsSpec): EtsSpec | null {
  const s: EtsSpec = { ...spec };
  if (!isStrictlyPositive(y)) {
    s.error = 'A';
    if (s.season === 'M') s.season = 'A';
  }
  if (s.season !== 'N' && (s.seasonLength < 2 || y.length < 2 * s.seasonLength)) s.season = 'N';
  if (s.season !== 'N' && y.length < etsFreeParameterCount(s) + 3) s.season = 'N';
  if (s.trend !== 'N' && y.length < etsFreeParameterCount(s) + 3) s.trend = 'N';
  return canFitEts(y, s) ? s : null;
}

/**
 * Fits `spec` (after `fallbackSpec`) on the recent window of `y` (`fitWindowStart`) and forecasts; naive when
 * nothing can be fitted. With `warm` (a model's store, see ets-warm.ts) the fit starts from this form's fit at
 * the previous origin and is stored for the next.
 */
export function forecastEts(
  y: Float64Array,
  horizon: number,
  spec: EtsSpec,
  options: EtsCommonOptions = {},
  warm: Map<string, unknown> | null = null,
): Float64Array {
  const start = fitWindowStart(y.length, spec.season === 'N' ? 1 : spec.seasonLength);
  const yw = y.subarray(start);
  const s = fallbackSpec(yw, spec);
  if (!s) return naiveForecast(y, horizon);
  const ctx: WarmContext | null = warm ? { store: warm, y, start } : null;
  const key = specKey(s);
  const entry = warmEntry(ctx, key);
  const previous = ctx && entry && sameSpec(entry.fit.spec, s) ? warmParams(ctx, entry) : null;
  const fit = fitEts(yw, s, { ...options, start: previous ?? undefined, previous: previous !== null });
  warm?.set(key, { fit, start, gap: 0, skipped: 0 } satisfies WarmEntry);
  return forecastFromFit(yw, fit, horizon);
}

const specKey = (s: EtsSpec): string => `${s.error}${s.trend}${s.season}${s.seasonLength}`;
const sameSpec = (a: EtsSpec, b: EtsSpec): boolean => specKey(a) === specKey(b);

/** The candidate forms `selectEts` compares for a series (R's restrictions: no A error with M season). */
export function etsCandidates(y: Float64Array, seasonLength: number, options: AutoEtsOptions = {}): EtsSpec[] {
  const positive = (options.multiplicative ?? true) && isStrictlyPositive(y);
  const errors: Array<'A' | 'M'> = positive ? ['A', 'M'] : ['A'];
  const trends: Array<'N' | 'A' | 'Ad'> =
    options.damped === true ? ['N', 'Ad'] : options.damped === false ? ['N', 'A'] : ['N', 'A', 'Ad'];
  const seasonOk =
    (options.seasonal ?? true) &&
    seasonLength >= 2 &&
    seasonLength <= MAX_ETS_SEASON_LENGTH &&
    y.length >= 2 * seasonLength;
  const seasons: Array<'N' | 'A' | 'M'> = seasonOk ? (positive ? ['N', 'A', 'M'] : ['N', 'A']) : ['N'];
  const out: EtsSpec[] = [];
  for (const error of errors) {
    for (const trend of trends) {
      for (const season of seasons) {
        if (error === 'A' && season === 'M') continue;
        const spec: EtsSpec = { error, trend, season, seasonLength };
        if (canFitEts(y, spec) && y.length >= etsFreeParameterCount(spec) + 3) out.push(spec);
      }
    }
  }
  return out;
}

/**
 * Fits every candidate and returns the one with the smallest AICc, or null when none can be fitted.
 * A multiplicative-error candidate starts its search from the fit of its additive-error twin (same trend and
 * season), which is fitted first: the two usually have nearby optima, and the warm start saves most of the cost.
 * With `warm` (rolling origins, see ets-warm.ts) each candidate instead starts from its own fit at the previous
 * origin, and candidates that were far behind there are skipped for a few origins. `y` is fitted as given: the
 * window is the caller's (`forecastAutoEts`).
 */
export function selectEts(
  y: Float64Array,
  seasonLength: number,
  options: AutoEtsOptions = {},
  warm: WarmContext | null = null,
): EtsFit | null {
  let best: EtsFit | null = null;
  const skipGap = options.skipAiccGap ?? SKIP_AICC_GAP;
  const additive = new Map<string, EtsFit>();
  const candidates = etsCandidates(y, seasonLength, options);
  candidates.sort((a, b) => (a.error === b.error ? 0 : a.error === 'A' ? -1 : 1));
  const fitted: Array<{ key: string; entry: WarmEntry }> = [];
  for (const spec of candidates) {
    const key = specKey(spec);
    const entry = warmEntry(warm, key);
    if (entry && entry.gap > skipGap && entry.skipped < MAX_SKIPS) {
      entry.skipped++;
      continue;
    }
    // A form refitted after being skipped starts from its fit of a few origins back, carried forward like any
    // other (on the store-item file this chose as the cold refit did and saved a tenth of auto ETS's time).
    const previous = warm && entry ? warmParams(warm, entry) : null;
    const twin = spec.error === 'M' ? additive.get(`${spec.trend}${spec.season}`) : undefined;
    // A single selection (no warm store) gives up a search from scratch still ABANDON_AICC_GAP behind the best
    // after ABANDON_AFTER evaluations. Not in rolling backtests: there an abandoned fit would be the next origin's
    // start and its gap the skip rule's input, both different from a full fit's, which changed forecasts.
    const fit = fitEts(y, spec, {
      maxEvaluations: options.maxEvaluations,
      start: previous ?? twin?.params,
      previous: previous !== null,
      abandonAiccAbove: best && !warm ? best.aicc + ABANDON_AICC_GAP : undefined,
    });
    if (spec.error === 'A') additive.set(`${spec.trend}${spec.season}`, fit);
    if (Number.isFinite(fit.aicc) && (!best || fit.aicc < best.aicc)) best = fit;
    if (warm) fitted.push({ key, entry: { fit, start: warm.start, gap: 0, skipped: 0 } });
  }
  for (const { key, entry } of fitted) {
    entry.gap = best && Number.isFinite(entry.fit.aicc) ? entry.fit.aicc - best.aicc : Infinity;
    warm!.store.set(key, entry);
  }
  return best;
}

/**
 * Forecasts with the AICc-selected ETS form, fitted on the recent window of `y` (`fitWindowStart`); naive when
 * no form can be fitted. `warm`: the model's store for rolling origins (see `selectEts`).
 */
export function forecastAutoEts(
  y: Float64Array,
  horizon: number,
  seasonLength: number,
  options: AutoEtsOptions = {},
  warm: Map<string, unknown> | null = null,
): Float64Array {
  const seasonal = (options.seasonal ?? true) && seasonLength >= 2 && seasonLength <= MAX_ETS_SEASON_LENGTH;
  const start = fitWindowStart(y.length, seasonal ? seasonLength : 1);
  const yw = y.subarray(start);
  const fit = selectEts(yw, seasonLength, options, warm ? { store: warm, y, start } : null);
  return fit ? forecastFromFit(yw, fit, horizon) : naiveForecast(y, horizon);
}

function maybeCommon(options: EtsCommonOptions): EtsCommonOptions {
  const { maxEvaluations } = options;
  return maxEvaluations === undefined ? {} : { maxEvaluations: maybeInteger('maxEvaluations', maxEvaluations, 10, 1e6) };
}

/** One fixed ETS form, id like 'ets-AAdN'. Throws `invalid error: …` and the like for bad options. */
export function createEtsModel(options: EtsModelOptions = {}): StatModel {
  const error = maybeOneOf('error', options.error ?? 'A', ['A', 'M'] as const);
  const trend = maybeOneOf('trend', options.trend ?? 'N', ['N', 'A', 'Ad'] as const);
  const season = maybeOneOf('season', options.season ?? 'N', ['N', 'A', 'M'] as const);
  const common = maybeCommon(options);
  const name = `${error}${trend}${season}`;
  return defineModel(`ets-${name}`, `ETS(${error},${trend},${season})`, (y, h, ctx) =>
    forecastEts(y, h, { error, trend, season, seasonLength: ctx.seasonLength }, common, ctx.warm),
  );
}

/** Simple exponential smoothing, ETS(A,N,N) with α and l₀ by maximum likelihood: id 'ses'. */
export function createSesModel(options: EtsCommonOptions = {}): StatModel {
  const common = maybeCommon(options);
  return defineModel('ses', 'Simple exponential smoothing', (y, h, ctx) =>
    forecastEts(y, h, { error: 'A', trend: 'N', season: 'N', seasonLength: ctx.seasonLength }, common, ctx.warm),
  );
}

/** Options of the Holt-Winters model. */
export interface HoltWintersOptions extends EtsCommonOptions {
  /** 'additive' (ETS(A,A,A)) or 'multiplicative' (ETS(M,A,M)) seasonality. Default 'additive'. */
  seasonality?: 'additive' | 'multiplicative';
  /** Damped trend. Default false. */
  damped?: boolean;
}

/**
 * Holt-Winters as an ETS model with maximum-likelihood parameters: ETS(A,A,A) or ETS(M,A,M), optionally
 * damped. Id 'hw-add', 'hw-mul', 'hw-add-damped', 'hw-mul-damped'. Falls back as `fallbackSpec` says (no
 * season below two whole seasons of history; additive on series with zeros). For seasons longer than 24
 * periods (weekly data) the initial season states stay at the decomposition heuristic and only α, β, γ, φ,
 * l₀, b₀ are estimated: 51 free season states would be too many to fit from two or three years.
 */
export function createHoltWintersModel(options: HoltWintersOptions = {}): StatModel {
  const seasonality = maybeOneOf('seasonality', options.seasonality ?? 'additive', ['additive', 'multiplicative'] as const);
  const damped = options.damped ?? false;
  if (typeof damped !== 'boolean') invalidOption('damped', damped, 'a boolean');
  const common = maybeCommon(options);
  const mult = seasonality === 'multiplicative';
  const id = `hw-${mult ? 'mul' : 'add'}${damped ? '-damped' : ''}`;
  const label = `Holt-Winters ${seasonality}${damped ? ' damped' : ''}`;
  return defineModel(id, label, (y, h, ctx) =>
    forecastEts(
      y,
      h,
      { error: mult ? 'M' : 'A', trend: damped ? 'Ad' : 'A', season: mult ? 'M' : 'A', seasonLength: ctx.seasonLength },
      common,
      ctx.warm,
    ),
  );
}

/** Automatic ETS: the form with the smallest AICc among `etsCandidates`. Id 'ets' ('ets-nonseasonal' when
 * `seasonal: false`). */
export function createAutoEtsModel(options: AutoEtsOptions = {}): StatModel {
  const { seasonal = true, multiplicative = true, damped } = options;
  if (typeof seasonal !== 'boolean') invalidOption('seasonal', seasonal, 'a boolean');
  if (typeof multiplicative !== 'boolean') invalidOption('multiplicative', multiplicative, 'a boolean');
  if (damped !== undefined && typeof damped !== 'boolean') invalidOption('damped', damped, 'a boolean or undefined');
  const opts: AutoEtsOptions = { ...maybeCommon(options), seasonal, multiplicative, damped };
  return defineModel(seasonal ? 'ets' : 'ets-nonseasonal', seasonal ? 'ETS (auto)' : 'ETS (auto, no season)', (y, h, ctx) =>
    forecastAutoEts(y, h, ctx.seasonLength, opts, ctx.warm),
  );
}
