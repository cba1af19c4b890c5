/**
 * Plain explanations, for a planner, of the words the app uses (issue #14, point 5). One place: the Term tooltip
 * and the Glossary list both read it, so a definition is written once.
 */

/** A glossary entry. */
export interface TermEntry {
  /** The word as the app shows it. */
  term: string;
  /** One or two sentences, no formulas. */
  plain: string;
}

/** Every explained term, by key. */
export const TERMS = {
  backtest: { term: 'Backtest', plain: 'A rehearsal on your own history: each model forecasts periods that already happened, from data before them only, and its errors are measured against what really sold.' },
  origin: { term: 'Origin', plain: 'The last period a model may see in one backtest window. It forecasts the periods right after it, which are then compared with the actual sales.' },
  horizon: { term: 'Horizon', plain: 'How many periods ahead a forecast reaches (for weekly data, 8 means the next 8 weeks).' },
  wape: { term: 'WAPE', plain: 'Weighted absolute percentage error: all forecast misses added up, divided by all units actually sold. 10% means the forecasts were off by a tenth of demand overall. Small items cannot blow it up.' },
  mase: { term: 'MASE', plain: 'Mean absolute scaled error: the average miss divided by the miss of simply repeating last season. Below 1 beats that simple rule; 0.8 means 20% smaller errors.' },
  mape: { term: 'MAPE', plain: 'Mean absolute percentage error: the average of each miss as a percentage of that period\'s sales. Periods with tiny sales make it explode (selling 1 and forecasting 10 is a 900% error), so it is shown only where sales are rarely near zero.' },
  mae: { term: 'MAE', plain: 'Mean absolute error: the average miss in units, whatever its direction.' },
  rmse: { term: 'RMSE', plain: 'Root mean squared error: like MAE in units, but large misses weigh more.' },
  bias: { term: 'Bias (ME)', plain: 'Mean error: forecast minus actual on average. Positive means the forecasts ran high (too much stock), negative means they ran low (stockouts).' },
  direction: { term: 'Direction', plain: 'How often the forecast got the direction right: whether sales would go up or down from the last known period.' },
  interval: { term: 'Prediction interval', plain: 'A range the actual value should fall in with a stated probability (80% of the time for a 10%–90% interval). Its measured coverage says how often it really did in the backtest.' },
  aicc: { term: 'AICc', plain: 'A score that trades how well a model fits against how many settings it uses; automatic ETS keeps the variant with the lowest score, so it does not over-fit.' },
  ets: { term: 'ETS', plain: 'Exponential smoothing: a forecast that weighs recent sales more than old ones, with optional trend and seasonality.' },
  stlf: { term: 'STL + ETS (stlf)', plain: 'Splits history into a seasonal pattern and the rest, forecasts the rest with exponential smoothing and adds the pattern back (as R\'s stlf function does).' },
  sdiff: { term: 'Seasonal naive + smoothed change', plain: 'Last season\'s value plus a smoothed estimate of how much this season differs from last; needs only a little more than one season of history.' },
  croston: { term: 'Croston SBA', plain: 'For items that often sell nothing: forecasts the typical size of a sale and the typical gap between sales separately. SBA corrects Croston\'s known over-forecast.' },
  tsb: { term: 'TSB', plain: 'Like Croston, for intermittent demand, but it updates the chance of a sale every period, so an item that stops selling fades out.' },
  ensemble: { term: 'Ensemble', plain: 'For each series, the few models with the smallest errors on that series so far, averaged. It uses only errors already observed at each point, so its score is as honest as the others\'.' },
  inverseMse: { term: 'Inverse-MSE weights', plain: 'How the ensemble mixes its models: a model whose squared errors were half as large gets twice the weight.' },
  lstm: { term: 'LSTM', plain: 'A small neural network trained in your browser. It learns a correction to a simple seasonal forecast and is kept only when that correction beats the simple forecast on data it did not train on.' },
  abcxyz: { term: 'A·X (ABC/XYZ class)', plain: 'ABC ranks items by sales value (A: the top items that make most of the value, C: the long tail). XYZ ranks by how steady demand is (X steady, Z erratic). A·X items matter most and are easiest to plan.' },
  position: { term: 'Position', plain: 'Inventory position: units on hand plus units already on order minus backorders. Reordering decisions look at it, not at the shelf alone.' },
  reorderPoint: { term: 'Reorder point', plain: 'When the position falls to this level, order: it covers the expected demand during the lead time plus safety stock.' },
  cover: { term: 'Cover (days)', plain: 'How many days the position lasts at the forecast rate of sales.' },
  safetyStock: { term: 'Safety stock', plain: 'Extra units held against demand running above the forecast during the lead time; larger for a higher service level and for less predictable items.' },
  sigmaBacktest: { term: 'Sigma from the backtest', plain: 'The uncertainty behind safety stock is taken from the forecast\'s own measured errors in the backtest, not guessed.' },
  serviceLevel: { term: 'Service level', plain: 'The chance of not running out during a replenishment cycle; 95% means one cycle in twenty may see a stockout.' },
  eoq: { term: 'EOQ', plain: 'Economic order quantity: the order size that balances the cost of placing orders against the cost of holding stock.' },
  leadTime: { term: 'Lead time', plain: 'Days from placing an order to having the goods on the shelf.' },
} as const satisfies Record<string, TermEntry>;

/** A key of TERMS. */
export type TermKey = keyof typeof TERMS;
