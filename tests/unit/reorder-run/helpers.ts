import { generateDemoWorkspace, type DemoWorkspace } from '../../../src/lib/demo';
import { backtestDataset } from '../../../src/lib/forecast/run/backtest-dataset';
import { forecastDataset, type DatasetForecast } from '../../../src/lib/forecast/run/forecast-dataset';

let demo: DemoWorkspace | null = null;

/** The demo workspace of the brief (seed 20240101), built once per file. */
export function demoWorkspace(): DemoWorkspace {
  return (demo ??= generateDemoWorkspace({ seed: 20240101 }));
}

/**
 * A quick real forecast of the demo's daily dataset: a seasonal-naive backtest on the last three 32-day windows
 * (intervals from its errors, as the Forecast tab makes them) and a 32-day forecast (21-day longest lead time +
 * 7-day review + 4).
 */
export async function demoDailyForecast(): Promise<DatasetForecast> {
  const daily = demoWorkspace().datasets[1];
  const n = daily.calendar.days.length;
  const report = await backtestDataset(daily, { modelIds: ['snaive'], horizon: 32, firstOrigin: n - 96, lastOrigin: n - 32, step: 32, quantiles: [0.1, 0.5, 0.9, 0.95], ensembleK: 1 });
  return forecastDataset(daily, report, { horizon: 32, createdAt: 1 });
}
