/**
 * The one-standard-error rule between the skip baseline and the trained network (Hastie, Tibshirani & Friedman,
 * The Elements of Statistical Learning, 2nd ed., §7.10; `lambda.1se` in glmnet): pick the simplest model whose
 * validation error is within one standard error of the best. With a seasonal skip the simplest model is the
 * untrained network (epoch 0), which forecasts the skip baseline exactly. Pure TS.
 *
 * Why: with a year or two of weekly history the validation split holds a few origins whose errors share the same
 * weeks across every series and whose forecast windows overlap. On the Walmart protocol every trained network that
 * early stopping preferred, by 0.2-8% of validation loss, was worse than the baseline on the following weeks (one
 * refit went from 3.7% to 5.8% MAPE), so a gain must be larger than the validation noise before the network leaves
 * the baseline.
 */

/** Validation loss per validation origin: Σ w (ŷ − y)² and Σ w of the samples at that origin. */
export interface OriginLosses {
  /** Validation origins, ascending (calendar periods). */
  origins: number[];
  /** Squared-error sum per origin. */
  sse: Float64Array;
  /** Observed targets per origin. */
  weight: Float64Array;
}

/** Outcome of the rule, kept in the training record. */
export interface BaselineCheck {
  /** Epoch compared with epoch 0 (the one with the lowest validation loss). */
  epoch: number;
  /** Mean over validation origins of (epoch-0 loss − that epoch's loss), scaled units²: > 0 when training helped. */
  improvement: number;
  /** Standard error of that mean (sample standard deviation of the per-origin gains / √origins); Infinity with fewer
   * than 2 origins. */
  standardError: number;
  /** Validation origins compared. */
  origins: number;
  /** True when the improvement was not above `standardErrors` × the standard error, so epoch 0 was kept. */
  keptBaseline: boolean;
}

/**
 * Compares the per-origin validation losses of epoch 0 (`initial`) and of `epoch` (`trained`, same origins) and says
 * whether to keep epoch 0: when the mean per-origin gain d̄ is not above `standardErrors` × its standard error
 * s_d / √n. Origins are the unit because the errors of all series at one origin share the same weeks.
 *
 * Consecutive origins' H-period windows overlap, so their gains are autocorrelated and s_d / √n understates the
 * uncertainty: the rule errs towards trusting the network. A Diebold-Mariano style long-run variance (Newey-West
 * weights up to lag H − 1) would be the textbook fix, but with 4-14 validation origins and H = 8 its sample
 * autocovariances are biased low enough to give a smaller standard error than the plain one (seen on Walmart), so
 * the plain one is used. Throws on misaligned inputs.
 */
export function checkAgainstBaseline(initial: OriginLosses, trained: OriginLosses, epoch: number, standardErrors: number): BaselineCheck {
  if (initial.origins.length !== trained.origins.length || initial.origins.some((o, i) => o !== trained.origins[i])) {
    throw new Error(`origin losses differ in origins: ${initial.origins.join()} vs ${trained.origins.join()}`);
  }
  const d: number[] = [];
  for (let i = 0; i < initial.origins.length; i++) {
    if (initial.weight[i] > 0 && trained.weight[i] > 0) d.push(initial.sse[i] / initial.weight[i] - trained.sse[i] / trained.weight[i]);
  }
  const n = d.length;
  const mean = n > 0 ? d.reduce((a, b) => a + b, 0) / n : 0;
  const standardError = n > 1 ? Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) / n) : Infinity;
  return { epoch, improvement: mean, standardError, origins: n, keptBaseline: !(mean > standardErrors * standardError) };
}
