/**
 * Times the statistical models on the Walmart rolling-origin protocol (45 stores, origins 78…135, H = 8,
 * season 52) and prints, per model, CPU seconds, mean MAPE and WAPE.
 *
 * Node 20 cannot run TypeScript directly, so run it through Vite's module runner:
 *   node -e "import('vite').then(v => v.runnerImport('./scripts/bench-forecast.ts'))"
 * or bundle it (npx rolldown scripts/bench-forecast.ts -o bench-forecast.mjs) and run it with `node --cpu-prof`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runBacktest } from '../src/lib/forecast/evaluate/backtest';
import { createAutoEtsModel, createSesModel } from '../src/lib/forecast/models/ets';
import { scoreBacktest } from '../src/lib/forecast/evaluate/score';
import { createNaiveModel, createSeasonalNaiveModel } from '../src/lib/forecast/models/naive';
import { createStlEtsModel } from '../src/lib/forecast/models/stl-ets';

const csv = resolve(process.cwd(), '../shared/data/walmart-store-sales/Walmart_Store_sales.csv');
if (!existsSync(csv)) {
  console.log(`skipped: ${csv} not found`);
} else {
  const lines = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
  const sales = Float64Array.from(lines, (l) => Number(l.split(',')[2]));
  // Rows are sorted by store and date (see the data's PROVENANCE.md): 143 consecutive weeks per store.
  const series = Array.from({ length: 45 }, (_, s) => ({ id: String(s + 1), values: sales.slice(s * 143, s * 143 + 143) }));
  const models = [createNaiveModel(), createSeasonalNaiveModel(), createSesModel(), createAutoEtsModel({ seasonal: false }), createStlEtsModel()];
  const run = async () => {
    for (const model of models) {
      const c0 = process.cpuUsage();
      const result = await runBacktest(series, { models: [model], horizon: 8, seasonLength: 52, firstOrigin: 78, lastOrigin: 135 });
      const c = process.cpuUsage(c0);
      const s = scoreBacktest(result)[0].overall;
      console.log(
        `${model.label.padEnd(32)} ${((c.user + c.system) / 1e6).toFixed(2).padStart(6)} s CPU   MAPE ${s.mape?.toFixed(2)}   WAPE ${s.wape?.toFixed(2)}`,
      );
    }
  };
  void run();
}
