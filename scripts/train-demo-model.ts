/**
 * `npm run train:demo`: trains the global LSTM on the demo workspace's weekly store sales and writes it to
 * public/models/demo-weekly/ (meta.json, model.json, weights.bin), so the demo forecasts at once, offline.
 *
 * Runs in Node on the TF.js cpu backend (no tfjs-node), through Vite's module runner so that the app's TS
 * sources import as they are:
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/train-demo-model.ts'))"
 * Deterministic: the demo data, the initial weights, the shuffling and the dropout masks all come from seeds, the
 * cpu backend computes in a fixed order, and the saved meta.json leaves out wall-clock timings. Takes a few minutes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEMO_WEEKLY_ID, generateDemoWorkspace } from '../src/lib/demo';
import { useBackend } from '../src/lib/lstm/backend';
import type { LstmInput } from '../src/lib/lstm/features';
import { fitLstm, type LstmModel } from '../src/lib/lstm/lstm';
import { saveLstm } from '../src/lib/lstm/io';
import type { LstmOptions } from '../src/lib/lstm/options';

/**
 * The test span: the last 26 weeks (two horizons) are left out of training and validation, so the app's check of
 * the shipped model (windows from its origin on, see heldOutSpan) runs on periods that neither trained it nor chose
 * its epoch. The model forecasts the future from the end of the data all the same; it just never learnt from it.
 */
const TEST_PERIODS = 26;

/** Seed of the demo workspace the app generates on first visit. */
const DEMO_SEED = 20240101;

/** Settings of the shipped model: a quarter ahead from a year of weekly history. */
const OPTIONS: LstmOptions = {
  horizon: 13,
  lookback: 52,
  layers: 1,
  units: 32,
  dropout: 0.1,
  mode: 'global',
  seriesFeatures: true,
  covariates: 'all',
  epochs: 60,
  batchSize: 64,
  learningRate: 0.003,
  patience: 8,
  lrPatience: 3,
  validationFraction: 0.2,
  seed: 1,
};

const outDir = resolve(process.cwd(), 'public/models/demo-weekly');

async function main(): Promise<void> {
  await useBackend('cpu');
  const weekly = generateDemoWorkspace({ seed: DEMO_SEED }).datasets.find((d) => d.meta.id === DEMO_WEEKLY_ID);
  if (!weekly) throw new Error(`the demo workspace has no dataset ${DEMO_WEEKLY_ID}`);
  const started = Date.now();
  let printed = 0;
  const origin = weekly.calendar.days.length - TEST_PERIODS;
  const model = await fitLstm(weekly, { ...OPTIONS, origin }, new AbortController().signal, (p) => {
    if (p.epoch === printed && p.epoch > 0) return; // the final event repeats the last epoch
    printed = p.epoch;
    process.stdout.write(`epoch ${p.epoch}/${p.epochs}: train ${p.trainLoss.toFixed(4)}, validation ${p.valLoss.toFixed(4)}, lr ${p.learningRate.toPrecision(2)}\n`);
  });
  const test = await testSpanCheck(model, weekly, origin);
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
  const v = net.validation;
  process.stdout.write(
    `\n${net.training.stopReason} after ${net.training.epochs} epochs (best ${net.training.bestEpoch}), ${net.parameters} parameters, ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s\n` +
      (v
        ? `validation MAE ${v.mae.toFixed(0)} vs naive ${v.naiveMae.toFixed(0)}, seasonal naive ${v.seasonalNaiveMae.toFixed(0)} and the skip ` +
          `baseline ${v.baselineMae?.toFixed(0)} (${v.points} points)\n`
        : '') +
      (net.training.baselineCheck
        ? `one-SE check of epoch ${net.training.baselineCheck.epoch}: gain ${net.training.baselineCheck.improvement.toExponential(2)} vs standard error ` +
          `${net.training.baselineCheck.standardError.toExponential(2)} over ${net.training.baselineCheck.origins} origins → ` +
          `${net.training.baselineCheck.keptBaseline ? 'kept epoch 0' : 'kept the trained network'}\n`
        : '') +
      `test span (origins ${origin}…${weekly.calendar.days.length - OPTIONS.horizon}, never used to train or to choose the epoch): ` +
      `MAE ${test.mae.toFixed(0)} vs seasonal naive ${test.seasonalMae.toFixed(0)} (${test.points} points)\n` +
      `wrote ${files.map((f) => f.name).join(', ')} to ${outDir} (${(bytes / 1024).toFixed(1)} KiB)\n`,
  );
  model.dispose();
}

/** MAE of the model and of seasonal naive over every window of the test span (origins from `origin` on). */
async function testSpanCheck(model: LstmModel, data: LstmInput, origin: number) {
  const H = OPTIONS.horizon;
  let points = 0;
  let err = 0;
  let seasonalErr = 0;
  for (let o = origin; o + H <= data.calendar.days.length; o++) {
    const fc = await model.predict(data, { origin: o });
    fc.seriesIds.forEach((id, k) => {
      const s = data.series.find((x) => x.id === id)!;
      for (let h = 0; h < H; h++) {
        const actual = s.values[o + h - s.start];
        const seasonal = s.values[o + h - 52 - s.start];
        if (!Number.isFinite(actual) || !Number.isFinite(seasonal)) continue;
        points++;
        err += Math.abs(actual - fc.forecasts[k][h]);
        seasonalErr += Math.abs(actual - seasonal);
      }
    });
  }
  return { points, mae: err / points, seasonalMae: seasonalErr / points };
}

await main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
