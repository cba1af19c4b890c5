/**
 * `npm run train:demo`: trains the global LSTM on the demo workspace's weekly store sales and writes it to
 * public/models/demo-weekly/ (meta.json, model.json, weights.bin), so the demo forecasts at once, offline.
 *
 * Runs in Node on the TF.js cpu backend (no tfjs-node), through Vite's module runner so that the app's TS
 * sources import as they are:
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/train-demo-model.ts'))"
 * Deterministic: the demo data, the initial weights, the shuffling and the dropout masks all come from seeds, the
 * cpu backend computes in a fixed order, and the saved meta.json leaves out wall-clock timings. Takes 1-3 minutes
 * (2 shared cores); it prints each epoch's losses, the chosen epoch and the test-span check it stores in meta.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEMO_WEEKLY_ID, generateDemoWorkspace } from '../src/lib/demo';
import { useBackend } from '../src/lib/lstm/backend';
import { fitLstm } from '../src/lib/lstm/lstm';
import { saveLstm } from '../src/lib/lstm/io';
import type { LstmOptions } from '../src/lib/lstm/options';
import { checkTestSpan, type SpanScores } from '../src/lib/lstm/test-span';

/**
 * The test span: the last 26 weeks (two horizons) are left out of training and validation, so the check stored in
 * meta.json (and the app's check of the shipped model, see heldOutSpan) runs on periods that neither trained it nor
 * chose its epoch. The model forecasts the future from the end of the data all the same; it just never learnt from it.
 */
const TEST_PERIODS = 26;

/** Seed of the demo workspace the app generates on first visit. */
const DEMO_SEED = 20240101;

/**
 * A quarter ahead; everything else is the app's defaults (src/lib/lstm/options.ts: lookback 52, 1 layer of 32 units,
 * learning rate 0.003, dropout 0.1, the 10/50/90 % quantile head, level-weighted loss, seasonal skip with a 13-week
 * drift, peer inputs, and for weekly data no yearly harmonics, covariates or group one-hots; the correction shrunk
 * towards the baseline by a λ chosen on validation, the one-standard-error rule against epoch 0), so the shipped
 * model is the network the app trains.
 *
 * Why: chosen on the validation windows alone (no candidate was scored on the test span), each trained once with
 * seed 1 (validation loss at epoch 0: 0.015912). With the current defaults (issue #12, fourth session): the defaults
 * chose epoch 18, λ 0.7 (0.013657); learning rate 0.001 without dropout, the previous choice, chose epoch 9, λ 0.8
 * (0.014359). Before (third session, with yearly harmonics, covariates and group one-hots): the defaults never beat
 * epoch 0; 0.001 without dropout chose epoch 8, λ 0.6 (0.01555). See docs/lstm.md, "Demo model".
 */
const OPTIONS: LstmOptions = { horizon: 13, seed: 1 };

const outDir = resolve(process.cwd(), 'public/models/demo-weekly');

async function main(): Promise<void> {
  await useBackend('cpu');
  const weekly = generateDemoWorkspace({ seed: DEMO_SEED }).datasets.find((d) => d.meta.id === DEMO_WEEKLY_ID);
  if (!weekly) throw new Error(`the demo workspace has no dataset ${DEMO_WEEKLY_ID}`);
  const started = Date.now();
  let printed = -1;
  const origin = weekly.calendar.days.length - TEST_PERIODS;
  const model = await fitLstm(weekly, { ...OPTIONS, origin }, new AbortController().signal, (p) => {
    if (p.epoch === printed) return; // the final event repeats the last epoch
    printed = p.epoch;
    process.stdout.write(`epoch ${p.epoch}/${p.epochs}: train ${p.trainLoss.toFixed(5)}, validation ${p.valLoss.toFixed(5)}, lr ${p.learningRate.toPrecision(2)}\n`);
  });
  const trainedMs = Date.now() - started;
  const test = await checkTestSpan(model, weekly, origin);
  model.meta.testCheck = test;
  model.meta.description =
    `Demo weekly store sales (generateDemoWorkspace({ seed: ${DEMO_SEED} }), ${weekly.series.length} stores × ${weekly.calendar.days.length} weeks), ` +
    `trained and validated on the first ${origin} weeks, the last ${TEST_PERIODS} left out as its test span, ` +
    'by scripts/train-demo-model.ts on the TF.js cpu backend.';
  const files = await saveLstm(model, { omitTimings: true });
  await mkdir(outDir, { recursive: true });
  let bytes = 0;
  for (const f of files) {
    await writeFile(resolve(outDir, f.name), f.data);
    bytes += typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.byteLength;
  }
  const net = model.meta.networks[0];
  const t = net.training;
  const v = net.validation;
  const pct = (x: number | null) => (x === null ? '–' : `${x.toFixed(2)}%`);
  const row = (name: string, s: SpanScores) => `  ${name.padEnd(15)} WAPE ${pct(s.wape)}, MASE ${s.mase?.toFixed(3) ?? '–'}, MAPE ${pct(s.mape)}\n`;
  process.stdout.write(
    `\n${t.stopReason} after ${t.epochs} epochs, chosen epoch ${t.bestEpoch}, ${net.parameters} parameters, training ${(trainedMs / 1000).toFixed(0)} s\n` +
      `validation loss: epoch 0 ${t.initialValLoss.toPrecision(5)}, chosen ${t.bestLoss.toPrecision(5)}` +
      `${t.shrinkage ? ` (correction shrunk by λ ${t.shrinkage.lambda})` : ''}\n` +
      (v ? `validation MAE ${v.mae.toFixed(0)} vs its baseline ${v.baselineMae?.toFixed(0)}, seasonal naive ${v.seasonalNaiveMae.toFixed(0)} (${v.points} points)\n` : '') +
      (t.baselineCheck
        ? `one-SE check of epoch ${t.baselineCheck.epoch}: gain ${t.baselineCheck.improvement.toExponential(2)} vs standard error ` +
          `${t.baselineCheck.standardError.toExponential(2)} over ${t.baselineCheck.origins} origins → ` +
          `${t.baselineCheck.keptBaseline ? 'kept epoch 0' : 'kept the trained network'}\n`
        : '') +
      `test span (origins ${test.firstOrigin}…${test.lastOrigin}, ${test.windows} windows, ${test.points} points; never used to train or to choose the epoch):\n` +
      row('network', test.network) +
      row('its baseline', test.baseline) +
      row('seasonal naive', test.seasonalNaive) +
      (test.interval ? `  the network's own ${Math.round(100 * (test.interval.upper - test.interval.lower))}% interval covered ${pct(test.interval.coverage === null ? null : 100 * test.interval.coverage)}\n` : '') +
      `wrote ${files.map((f) => f.name).join(', ')} to ${outDir} (${(bytes / 1024).toFixed(1)} KiB), ${((Date.now() - started) / 1000).toFixed(0)} s in all\n`,
  );
  model.dispose();
}

await main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
