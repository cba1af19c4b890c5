/** The reorder engine's flags in a planner's words (issue #14, point 5: `sigma-from-backtest` never reaches the screen). */
import type { ReorderFlag } from '../../lib/reorder';

/** Words for each flag. */
export const FLAG_WORDS: Record<ReorderFlag, string> = {
  'negative-on-hand': 'on hand below zero in the file',
  'on-order-missing': 'on order not given (0 assumed)',
  'backorders-missing': 'backorders not given (0 assumed)',
  'unit-cost-missing': 'unit cost not given',
  'moq-defaulted': 'minimum order not given (1 assumed)',
  'pack-size-defaulted': 'pack size not given (1 assumed)',
  'service-level-from-class': 'service level from its ABC class',
  'sigma-from-backtest': "safety stock sized from the forecast's measured backtest errors",
  'sigma-from-quantiles': "safety stock sized from the forecast's interval",
  'sigma-poisson': 'safety stock sized as for random sales of a slow item (Poisson)',
  'cumulative-errors': "safety stock read off the backtest's errors added up over the same days",
  'fill-rate-target': 'service level is a fill rate (share of demand served from stock)',
  'lead-time-variability': 'lead time varies, which adds safety stock',
  'horizon-extended': 'forecast extended past its horizon',
  'short-history': 'short sales history',
  'negative-forecast-clipped': 'negative forecast set to zero',
  'zero-forecast': 'forecast of zero sales',
  'open-orders': 'approved orders counted as on order',
  'moq-applied': 'rounded up to the minimum order',
  'pack-rounded': 'rounded up to whole packs',
  'eoq-applied': 'order size from EOQ',
  expedite: 'stock runs out before a new order can arrive: expedite',
  'cover-beyond-horizon': 'stock lasts beyond the forecast horizon',
  'forecast-starts-later': 'the forecast starts after the stock date',
};
