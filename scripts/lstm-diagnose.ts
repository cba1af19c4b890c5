/**
 * Diagnoses the LSTM's training on the Walmart protocol: trains the global network at one origin on the TF.js cpu
 * backend and prints the losses from epoch 0.
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/lstm-diagnose.ts'))"  (ORIGIN=78 EPOCHS=20)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importFile, inspectFile } from '../src/lib/csv/import';
import { useBackend } from '../src/lib/lstm/backend';
import { fitLstm } from '../src/lib/lstm/lstm';
import type { LstmOptions } from '../src/lib/lstm/options';

async function main(): Promise<void> {
  await useBackend('cpu');
  const file = process.env.FILE ?? 'walmart-store-sales/Walmart_Store_sales.csv';
  const blob = new Blob([readFileSync(resolve(process.cwd(), '../shared/data', file))]);
  const inspection = await inspectFile(blob, 'sales');
  const out = await importFile(blob, { inspection, mapping: inspection.mapping, id: 'd', name: 'd', fileName: 'd.csv', createdAt: 0 });
  if (out.kind !== 'ok') throw new Error('import failed');
  const dataset = out.dataset!;
  const extra = JSON.parse(process.env.OPTS ?? '{}') as Partial<LstmOptions>;
  const options: LstmOptions = { horizon: 8, origin: Number(process.env.ORIGIN ?? 78), epochs: Number(process.env.EPOCHS ?? 20), ...extra };
  const t0 = Date.now();
  const model = await fitLstm(dataset, options, new AbortController().signal, () => {});
  const net = model.meta.networks[0];
  const t = net.training;
  console.log(`series ${dataset.series.length}, covariates ${model.meta.config.covariates.join(',')}, train ${t.trainSamples}, val ${t.valSamples}`);
  console.log(`epoch 0: train ${t.initialTrainLoss?.toExponential(3)} val ${t.initialValLoss.toExponential(3)}`);
  for (const r of t.history) console.log(`epoch ${r.epoch}: train ${r.trainLoss.toExponential(3)} val ${r.valLoss.toExponential(3)} lr ${r.learningRate}`);
  console.log(`best ${t.bestEpoch} (${t.stopReason}), check ${JSON.stringify(t.baselineCheck)}, ${Date.now() - t0} ms`);
  console.log(`validation ${JSON.stringify(net.validation)}`);
  model.dispose();
}
void main();
