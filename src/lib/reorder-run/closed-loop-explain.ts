import type { ClosedLoopTableRow } from './closed-loop-input';

/**
 * Sentences that say why the cheapest policy of a closed loop wins, each figure computed from the rows:
 * 1. the best forecast-driven row against the best simple rule (cost difference and fill rates);
 * 2. where a rule wins: the cost ratio (one unit short pays for holding a unit that many periods, so a rule that
 *    simply keeps more stock loses little) and which cost component the forecast policy lost on;
 * 3. the holiday periods: the share of each side's units short that fell in holiday periods or the period before.
 */

/** What the explanation needs beyond the rows. */
export interface ExplainContext {
  /** Per replayed period: a holiday period. */
  holidays: readonly boolean[];
  /** Holding cost per period ÷ unit cost. */
  holdingPerPeriodRatio: number;
  /** Shortage cost ÷ unit cost. */
  shortageRatio: number;
  /** Lost sales or backorders. */
  unmet: 'lost' | 'backorder';
  /** 'week', 'day' or 'month'. */
  unit: string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** Fill rates near 100% differ in the second decimal. */
const fillPct = (x: number) => `${(100 * x).toFixed(2)}%`;
const money = (x: number) => Math.round(x).toLocaleString('en-US');

/** The cheapest forecast-driven row (the engine with a backtest model or the replay's forecaster; not the reference). */
export function bestForecastRow(rows: readonly ClosedLoopTableRow[]): ClosedLoopTableRow | undefined {
  return rows.filter((r) => r.kind === 'forecast').reduce<ClosedLoopTableRow | undefined>((a, r) => (!a || r.totalCost < a.totalCost ? r : a), undefined);
}

/** The cheapest simple rule. */
export function bestRuleRow(rows: readonly ClosedLoopTableRow[]): ClosedLoopTableRow | undefined {
  return rows.filter((r) => r.kind === 'fixed-cover' || r.kind === 'order-what-sold').reduce<ClosedLoopTableRow | undefined>((a, r) => (!a || r.totalCost < a.totalCost ? r : a), undefined);
}

/** Share of a row's units short that fell in holiday periods or the period just before one. */
export function holidayShortShare(row: ClosedLoopTableRow, holidays: readonly boolean[]): number {
  const short = row.trace?.short;
  if (!short) return NaN;
  let all = 0;
  let near = 0;
  for (let t = 0; t < short.length; t++) {
    all += short[t];
    if (holidays[t] || holidays[t + 1]) near += short[t];
  }
  return all > 0 ? near / all : NaN;
}

/** The sentences, in the order above. */
export function explainClosedLoop(rows: readonly ClosedLoopTableRow[], ctx: ExplainContext): string[] {
  const model = bestForecastRow(rows);
  const rule = bestRuleRow(rows);
  if (!model || !rule) return [];
  const out: string[] = [];
  const saving = rule.totalCost > 0 ? 1 - model.totalCost / rule.totalCost : NaN;
  const fillSide = model.fillRate >= rule.fillRate ? 'at an equal or better fill rate' : 'at a lower fill rate';
  out.push(
    saving >= 0
      ? `The best forecast-driven policy, ${model.label}, costs ${pct(saving)} less than the best simple rule (${rule.label}): ${money(model.totalCost)} against ${money(rule.totalCost)}, ${fillSide} (${fillPct(model.fillRate)} against ${fillPct(rule.fillRate)}).`
      : `The best simple rule, ${rule.label}, costs ${pct(-saving)} less than the best forecast-driven policy (${model.label}): ${money(rule.totalCost)} against ${money(model.totalCost)}; fill rates ${fillPct(rule.fillRate)} and ${fillPct(model.fillRate)}.`,
  );
  const h = ctx.holdingPerPeriodRatio;
  if (h > 0 && ctx.shortageRatio > 0) {
    const periods = ctx.shortageRatio / h;
    const stockRatio = model.averageStock > 0 ? rule.averageStock / model.averageStock : NaN;
    const base = `One unit ${ctx.unmet === 'lost' ? 'lost' : 'backordered a ' + ctx.unit} costs as much as holding a unit for ${periods >= 10 ? Math.round(periods) : periods.toFixed(1)} ${ctx.unit}s`;
    if (saving < 0) {
      const lostOn = model.shortageCost - rule.shortageCost > model.holdingCost - rule.holdingCost ? 'shortages' : 'holding';
      out.push(`${base}, so stock is cheap next to a shortage: the rule keeps ${Number.isFinite(stockRatio) ? stockRatio.toFixed(1) + '×' : 'more'} the stock of the forecast policy and the forecast policy loses on ${lostOn} (${money(model.shortageCost)} short against ${money(rule.shortageCost)}; holding ${money(model.holdingCost)} against ${money(rule.holdingCost)}).`);
    } else {
      out.push(`${base}; the forecast policy holds ${Number.isFinite(stockRatio) && stockRatio > 0 ? (1 / stockRatio).toFixed(2) + '×' : 'less than'} the rule's stock (holding ${money(model.holdingCost)} against ${money(rule.holdingCost)}) and pays ${money(model.shortageCost)} in shortages against ${money(rule.shortageCost)}.`);
    }
  }
  const nHol = ctx.holidays.filter(Boolean).length;
  if (nHol > 0) {
    const a = holidayShortShare(model, ctx.holidays);
    const b = holidayShortShare(rule, ctx.holidays);
    const near = ctx.holidays.filter((x, t) => x || ctx.holidays[t + 1]).length;
    const share = near / ctx.holidays.length;
    if (Number.isFinite(a) || Number.isFinite(b)) {
      out.push(`Holiday ${ctx.unit}s and the ${ctx.unit} before them are ${pct(share)} of the replay; they hold ${Number.isFinite(a) ? pct(a) : 'none'} of the forecast policy's units short and ${Number.isFinite(b) ? pct(b) : 'none'} of the rule's.`);
    }
  }
  return out;
}
