/**
 * Accuracy of the LSTM against its own baseline (the same network kept at epoch 0: seasonal naive + drift for
 * weekly data, seasonal naive for daily) and the statistical models, on a rolling-origin backtest of a real file, on
 * the TF.js cpu backend:
 *   FILE=walmart-store-sales/Walmart_Store_sales.csv FIRST=78 LAST=135 STEP=1 H=8 \
 *     node -e "import('vite').then((v) => v.runnerImport('./scripts/lstm-accuracy.ts'))"
 * SEEDS=k adds the mean forecast of k networks (seeds SEED … SEED + k − 1). FULL_ONLY=1 keeps only the series
 * observed in every period; SERIES=300 the first 300 of those (development subsets). LSTM='{"samplesPerEpoch":512}' adds fitLstm options; BUDGET_MS bounds all LSTM training; EPOCHS the
 * most epochs per refit. MODELS picks the statistical models (default snaive,ets,stl-ets,sdiff-ses).
 * Prints WAPE, MASE, MAPE and 80 % interval coverage per model, each refit's chosen epoch, and the CPU time.
 * Coverage is measured on the later half of the origins (after the backtest's split origin), as the leaderboard
 * does: statistical rows and "calibrated" LSTM rows use the app's per-series calibration fitted on the earlier half
 * (calibration.ts); "raw" LSTM rows use the network's own 10 % and 90 % outputs, no calibration.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inspectFile } from '../src/lib/csv/import';
import { importFileSet } from '../src/lib/csv/import-set';
import { runBacktest } from '../src/lib/forecast/evaluate/backtest';
import { measureIntervals } from '../src/lib/forecast/evaluate/calibration';
import { scoreBacktest } from '../src/lib/forecast/evaluate/score';
import { appendModel } from '../src/lib/forecast/run/ensemble-online';
import { createStatModel } from '../src/lib/forecast/models/registry';
import { seasonLength as seasonLengthOf } from '../src/lib/core/dates';
import { useNodeBackend } from './node-tf-backend';
import type { LstmOptions } from '../src/lib/lstm/options';
import { lstmBacktestForecasts, lstmLabel } from '../src/lib/lstm/refit';
import { networkCoverage } from '../src/lib/lstm/run';

async function main(): Promise<void> {
  // BK=wasm trains on the WASM backend (the app's; several times faster per epoch than cpu), default cpu.
  await useNodeBackend(process.env.BK ?? 'cpu');
  const env = process.env;
  const cpu0 = process.cpuUsage();
  const files = [env.FILE ?? 'walmart-store-sales/Walmart_Store_sales.csv', ...(env.SIDE ? env.SIDE.split(',') : [])];
  const entries = await Promise.all(
    files.map(async (name) => {
      const blob = new Blob([readFileSync(resolve(process.cwd(), '../shared/data', name))]);
      const inspection = await inspectFile(blob, 'sales');
      return { blob, name, inspection, mapping: inspection.mapping };
    }),
  );
  const out = await importFileSet(entries, { id: 'd', name: 'd', createdAt: 0 });
  if (out.kind !== 'ok') throw new Error(`import failed: ${out.report.issues.map((i) => i.message).join('; ')}`);
  let dataset = out.dataset!;
  const covariates = [...new Set(dataset.series.flatMap((s) => Object.keys(s.covariates)))];
  console.log(`covariates: ${covariates.join(', ') || '(none)'}; attributes: ${Object.keys(dataset.series[0]?.attributes ?? {}).join(', ') || '(none)'}`);
  const periods = dataset.calendar.days.length;
  if (env.FULL_ONLY) {
    dataset = { ...dataset, series: dataset.series.filter((s) => s.start === 0 && s.values.length === periods && s.values.every(Number.isFinite)) };
  }
  if (env.SERIES) dataset = { ...dataset, series: dataset.series.slice(0, Number(env.SERIES)) };
  const H = Number(env.H ?? 8);
  const signal = new AbortController().signal;
  const t0 = Date.now();
  let result = await runBacktest(
    dataset.series.map((s) => ({ id: s.id, values: s.values, start: s.start })),
    {
      models: (env.MODELS ?? 'snaive,ets,stl-ets,sdiff-ses').split(',').map((id) => createStatModel(id as never)),
      horizon: H,
      seasonLength: seasonLengthOf(dataset.calendar.frequency),
      firstOrigin: Number(env.FIRST ?? 78),
      lastOrigin: Number(env.LAST ?? periods - H),
      step: Number(env.STEP ?? 1),
      signal,
    },
  );
  const statMs = Date.now() - t0;
  console.log(`${dataset.series.length} series, ${result.rows} rows; statistical models ${(statMs / 1000).toFixed(0)} s`);
  const extra = JSON.parse(env.LSTM ?? '{}') as Partial<LstmOptions>;
  const settings = { enabled: true, mode: 'global' as const, units: Number(env.UNITS ?? 32), epochs: Number(env.EPOCHS ?? 100), seed: Number(env.SEED ?? 1) };
  const t1 = Date.now();
  const lstm = await lstmBacktestForecasts(dataset, result, settings, {
    signal,
    options: extra,
    budgetMs: Number(env.BUDGET_MS ?? 0),
    onTraining: (p, b, n) => p.epoch % 5 === 0 && console.log(`refit ${b + 1}/${n} epoch ${p.epoch}: train ${p.trainLoss.toExponential(3)} val ${p.valLoss.toExponential(3)}`),
  });
  const lstmMs = Date.now() - t1;
  // The baseline: the same network kept at epoch 0 (one epoch at a vanishing learning rate never beats it).
  const base = await lstmBacktestForecasts(dataset, result, { ...settings, epochs: 1 }, { signal, options: { ...extra, learningRate: 1e-12 } });
  result = appendModel(result, 'lstm', lstmLabel(settings, lstm.refits), lstm.forecast!);
  result = appendModel(result, 'lstm-baseline', 'LSTM baseline (epoch 0)', base.forecast!);
  // SEEDS=k (k > 1): also the mean forecast of k networks trained with seeds SEED … SEED + k − 1 (a measurement of
  // seed ensembling; the app trains one network).
  const seeds = Number(env.SEEDS ?? 1);
  if (seeds > 1) {
    const mean = Float64Array.from(lstm.forecast!);
    for (let k = 1; k < seeds; k++) {
      const other = await lstmBacktestForecasts(dataset, result, { ...settings, seed: settings.seed + k }, { signal, options: extra, budgetMs: Number(env.BUDGET_MS ?? 0) });
      other.forecast!.forEach((v, i) => (mean[i] += v));
    }
    result = appendModel(result, 'lstm-seeds', `LSTM, mean of ${seeds} seeds`, mean.map((v) => v / seeds));
  }
  for (const r of lstm.refits) {
    const n = r.networks?.[0];
    console.log(
      `refit at ${r.origin}: ${r.source}${n ? `, chosen epoch ${n.chosenEpoch} of ${n.epochs} (${n.stopReason}), λ ${n.shrinkage ?? 1}, validation ${n.baselineValLoss.toExponential(3)} → ${n.chosenValLoss.toExponential(3)}, ${n.trainSamples} training windows${n.intervals ? `, intervals × ${n.intervals.scale} (validation coverage ${(100 * n.intervals.coverageBefore).toFixed(1)} % → ${(100 * n.intervals.coverageAfter).toFixed(1)} %)` : ''}` : ''}`,
    );
  }
  const origins = Array.from(new Set(result.rowOrigin)).sort((a, b) => a - b);
  const split = origins[Math.max(0, Math.floor((origins.length - 1) / 2))];
  const pct = (x: number | null | undefined) => (x == null ? '–' : `${x.toFixed(2)}%`);
  const cov = (x: number | null | undefined) => (x == null ? '–' : `${(100 * x).toFixed(1)}%`);
  console.log(`coverage on origins > ${split} (${origins.length} origins ${origins[0]}…${origins[origins.length - 1]})`);
  console.log('| model | WAPE | MASE | MAPE | 80% coverage |');
  console.log('|---|---|---|---|---|');
  scoreBacktest(result).forEach((s, i) => {
    const calibrated = measureIntervals(result, i, { quantiles: [0.1, 0.5, 0.9], splitOrigin: split }).coverage[0]?.observed;
    const raw = s.modelId === 'lstm' ? networkCoverage(result, lstm.quantiles) : s.modelId === 'lstm-baseline' ? networkCoverage(result, base.quantiles) : undefined;
    const coverage = raw === undefined ? `${cov(calibrated)} calibrated` : `${cov(raw?.observed)} raw (network), ${cov(calibrated)} calibrated`;
    console.log(`| ${s.label} | ${pct(s.overall.wape)} | ${s.overall.mase?.toFixed(3)} | ${pct(s.overall.mape)} | ${coverage} |`);
  });
  const cpu = process.cpuUsage(cpu0);
  console.log(`wall: statistical ${(statMs / 1000).toFixed(0)} s, LSTM training + prediction ${(lstmMs / 1000).toFixed(0)} s; process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s`);
}
void main();
