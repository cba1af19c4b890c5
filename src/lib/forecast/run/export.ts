import { isoFromDay } from '../../core/dates';
import type { Calendar } from '../../dataset/types';
import type { BacktestReport } from './backtest-dataset';
import type { DatasetForecast } from './forecast-dataset';

/**
 * Long-format tables for export (one row per series × origin × horizon), as forecasting tools expect:
 * series, origin, date, horizon, actual, then one column per model, then the quantiles. Values are numbers;
 * the CSV writer quotes and neutralises cells.
 */

/** Backtest rows: header first. Quantile columns are the ensemble's intervals as fitted on all origins. */
export function backtestTable(report: BacktestReport, calendar: Calendar): Array<Array<string | number>> {
  const { result } = report;
  const H = result.horizon;
  const header: Array<string | number> = ['series', 'origin_date', 'date', 'horizon', 'actual', ...result.modelIds];
  const rows: Array<Array<string | number>> = [header];
  for (let r = 0; r < result.rows; r++) {
    const origin = result.rowOrigin[r];
    for (let h = 0; h < H; h++) {
      const period = origin + h;
      if (period >= calendar.days.length) continue;
      const line: Array<string | number> = [
        result.seriesIds[result.rowSeries[r]],
        isoFromDay(calendar.days[origin - 1]),
        isoFromDay(calendar.days[period]),
        h + 1,
        numberOrEmpty(result.actual[r * H + h]),
      ];
      for (let i = 0; i < result.modelIds.length; i++) line.push(round(result.forecast[(i * result.rows + r) * H + h]));
      rows.push(line);
    }
  }
  return rows;
}

/** Future forecast rows: series, date, horizon, point, one column per quantile level, models used. */
export function forecastTable(forecast: DatasetForecast): Array<Array<string | number>> {
  const header = ['series', 'date', 'horizon', 'forecast', ...forecast.quantileLevels.map((q) => `q${Math.round(q * 100)}`), 'models'];
  const rows: Array<Array<string | number>> = [header];
  for (const s of forecast.series) {
    for (let h = 0; h < s.point.length; h++) {
      rows.push([s.seriesId, isoFromDay(s.days[h]), h + 1, round(s.point[h]), ...s.quantiles.map((q) => round(q[h])), s.modelIds.join('+')]);
    }
  }
  return rows;
}

function round(x: number): number | string {
  return Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : '';
}

function numberOrEmpty(x: number): number | string {
  return Number.isFinite(x) ? x : '';
}
