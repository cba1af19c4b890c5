/**
 * Whether MAPE means something on a backtest (issue #14, point 4). A percentage error divides by each actual
 * value, so periods that sell almost nothing make it explode (train.csv's best model reads 1,509.91%). It is
 * shown only when actual values near zero are rare; otherwise the leaderboard leads with WAPE and MASE alone and
 * says why.
 */
import type { BacktestResult } from '../../lib/forecast/evaluate/types';

/** An actual below this share of its series' recent level counts as near zero. */
export const NEAR_ZERO_SHARE = 0.05;
/** MAPE is shown when at most this share of the actual values is near zero. */
export const MAX_NEAR_ZERO = 0.01;

/** How many scored actual values are near zero, and whether MAPE is meaningful. */
export interface MapeVerdict {
  /** Finite actual values scored. */
  scored: number;
  /** Of them, at or below NEAR_ZERO_SHARE of the row's level (zero included). */
  nearZero: number;
  /** True when nearZero / scored ≤ MAX_NEAR_ZERO. */
  meaningful: boolean;
  /** Why, in a sentence for people. */
  reason: string;
}

/** Counts near-zero actuals of a backtest (rows × H values, O(values)). */
export function mapeVerdict(result: Pick<BacktestResult, 'rows' | 'horizon' | 'actual' | 'level'>): MapeVerdict {
  let scored = 0;
  let nearZero = 0;
  for (let r = 0; r < result.rows; r++) {
    const limit = NEAR_ZERO_SHARE * Math.abs(result.level[r] || 0);
    for (let h = 0; h < result.horizon; h++) {
      const y = result.actual[r * result.horizon + h];
      if (!Number.isFinite(y)) continue;
      scored++;
      if (Math.abs(y) <= limit || y === 0) nearZero++;
    }
  }
  const share = scored ? nearZero / scored : 0;
  const meaningful = scored > 0 && share <= MAX_NEAR_ZERO;
  const pct = `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
  const reason = meaningful
    ? `MAPE is shown: only ${pct} of the ${scored.toLocaleString('en')} actual values are near zero, so percentage errors stay meaningful.`
    : `MAPE is hidden: ${pct} of the ${scored.toLocaleString('en')} actual values are zero or below ${NEAR_ZERO_SHARE * 100}% of their series' usual level, where a percentage error explodes (selling 1 against a forecast of 10 is a 900% error). WAPE and MASE do not have that flaw.`;
  return { scored, nearZero, meaningful, reason };
}
