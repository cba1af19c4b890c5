import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WEEKLY_ID, generateDemoWorkspace } from '../../../src/lib/demo';
import { useBackend } from '../../../src/lib/lstm/backend';
import { fitLstm, type LstmModel } from '../../../src/lib/lstm/lstm';
import { fillKnown, fillWindow, buildSeriesFeatures, calendarTable, knownWidth, stepWidth } from '../../../src/lib/lstm/features';
import { loadLstm, saveLstm, type LstmFile } from '../../../src/lib/lstm/io';
import { SMALL, seasonalToy } from './toy';

beforeAll(async () => {
  await useBackend('cpu');
});

const live = () => new AbortController().signal;
const reader = (files: LstmFile[]) => async (name: string) => {
  const f = files.find((x) => x.name === name);
  if (!f) throw new Error(`no file ${name}`);
  return f.data;
};

describe('saveLstm / loadLstm (TF.js layers format)', () => {
  it('round trip gives identical predictions and leaks no tensor', async () => {
    const input = seasonalToy(60);
    const model = await fitLstm(input, { ...SMALL, epochs: 3, layers: 2, dropout: 0.1 }, live());
    const before = tf.memory().numTensors;
    const files = await saveLstm(model);
    expect(files.map((f) => f.name).sort()).toEqual(['meta.json', 'model.json', 'weights.bin']);
    expect(tf.memory().numTensors).toBe(before);
    const loaded = await loadLstm(reader(files));
    expect(loaded.meta).toEqual(JSON.parse(JSON.stringify(model.meta)));
    for (const origin of [40, 60]) {
      expect((await loaded.predict(input, { origin })).forecasts).toEqual((await model.predict(input, { origin })).forecasts);
    }
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('loads a model saved before the seasonal drift existed (no driftWindow in meta.json) as a plain seasonal-naive skip', async () => {
    const input = seasonalToy(60);
    const model = await fitLstm(input, { ...SMALL, epochs: 2, driftWindow: 0 }, live());
    const files = await saveLstm(model);
    const meta = JSON.parse(files[0].data as string);
    delete meta.config.driftWindow;
    const old = files.map((f) => (f.name === 'meta.json' ? { ...f, data: JSON.stringify(meta) } : f));
    const loaded = await loadLstm(reader(old));
    expect(loaded.meta.config.driftWindow).toBe(0);
    expect((await loaded.predict(input, { origin: 50 })).forecasts).toEqual((await model.predict(input, { origin: 50 })).forecasts);
    loaded.dispose();
    model.dispose();
  });

  it('loads a point network saved before the quantile head (meta.json without quantiles, groups, future covariates or static features), as users may have in IndexedDB', async () => {
    const input = seasonalToy(60);
    const model = await fitLstm(input, { ...SMALL, epochs: 2, quantiles: [], groupInputs: false }, live());
    const files = await saveLstm(model);
    const meta = JSON.parse(files[0].data as string);
    for (const key of ['quantiles', 'groups', 'futureCovariates']) delete meta.config[key];
    delete meta.staticFeatures;
    for (const n of meta.networks) delete n.initialSpread;
    const old = files.map((f) => (f.name === 'meta.json' ? { ...f, data: JSON.stringify(meta) } : f));
    const loaded = await loadLstm(reader(old));
    const f = await loaded.predict(input, { origin: 50 });
    expect(f.quantiles).toBeUndefined();
    expect(f.forecasts).toEqual((await model.predict(input, { origin: 50 })).forecasts);
    loaded.dispose();
    model.dispose();
  });

  it('model.json is a standard layers model: tf.loadLayersModel predicts what the app predicts', async () => {
    const input = seasonalToy(60);
    const model: LstmModel = await fitLstm(input, { ...SMALL, epochs: 2, layers: 2 }, live());
    const files = await saveLstm(model);
    const json = JSON.parse(files.find((f) => f.name === 'model.json')!.data as string);
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    const bin = files.find((f) => f.name === 'weights.bin')!.data as Uint8Array;
    const layers = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bin.slice().buffer }),
    );
    // Build the inputs as the app does, batch-major as Keras expects.
    const cfg = model.meta.config;
    const origin = 60;
    const table = calendarTable(input.calendar, cfg, origin + cfg.horizon);
    const L = cfg.lookback;
    const F = stepWidth(cfg);
    const x = new Float32Array(L * F * 2);
    const known = new Float32Array(2 * knownWidth(cfg));
    input.series.forEach((s, b) => {
      const j = model.meta.scalers.seriesIds.indexOf(s.id);
      const { levels, logLevelMean, logLevelStd } = model.meta.scalers;
      const scale = { level: levels[j], covMean: [], covStd: [] };
      const sf = buildSeriesFeatures(s, origin, cfg, scale, (Math.log(levels[j]) - logLevelMean) / logLevelStd, table)!;
      const timeMajor = new Float32Array(L * F);
      fillWindow(timeMajor, 0, 1, sf, origin, cfg);
      x.set(timeMajor, b * L * F);
      fillKnown(known, b * knownWidth(cfg), origin, sf, cfg, table);
    });
    const out = layers.predict([tf.tensor3d(x, [2, L, F]), tf.tensor2d(known, [2, knownWidth(cfg)])]) as tf.Tensor;
    const scaled = await out.data();
    const ours = await model.predict(input, { origin });
    input.series.forEach((s, b) => {
      const level = model.meta.scalers.levels[b];
      // Outputs are Q × H per sample; the median block is the point forecast.
      const O = cfg.horizon * cfg.quantiles.length;
      const mid = cfg.quantiles.indexOf(0.5) * cfg.horizon;
      for (let h = 0; h < cfg.horizon; h++) expect(Math.max(0, scaled[b * O + mid + h] * level)).toBeCloseTo(ours.forecasts[b][h], 3);
    });
    tf.dispose(out);
    layers.dispose();
    model.dispose();
  });

  it('saves twice to byte-identical files', async () => {
    const input = seasonalToy(60);
    const model = await fitLstm(input, { ...SMALL, epochs: 1 }, live());
    const a = await saveLstm(model);
    const b = await saveLstm(model);
    expect(b).toEqual(a);
    model.dispose();
  });

  it("per-series models save one model-<k>.json and weights-<k>.bin per network", async () => {
    const input = seasonalToy(60, [100, 40]);
    const model = await fitLstm(input, { ...SMALL, epochs: 1, mode: 'per-series' }, live());
    const files = await saveLstm(model);
    expect(files.map((f) => f.name).sort()).toEqual(['meta.json', 'model-0.json', 'model-1.json', 'weights-0.bin', 'weights-1.bin']);
    const loaded = await loadLstm(reader(files));
    expect((await loaded.predict(input)).forecasts).toEqual((await model.predict(input)).forecasts);
    loaded.dispose();
    model.dispose();
  });

  it('the shipped demo model (public/models/demo-weekly) loads and forecasts the demo weekly data', async () => {
    const dir = resolve(import.meta.dirname, '../../../public/models/demo-weekly');
    const model = await loadLstm(async (name) => {
      const data = await readFile(resolve(dir, name));
      return name.endsWith('.json') ? data.toString('utf8') : new Uint8Array(data);
    });
    const weekly = generateDemoWorkspace({ seed: 20240101 }).datasets.find((d) => d.meta.id === DEMO_WEEKLY_ID)!;
    expect(model.meta.scalers.seriesIds).toEqual(weekly.series.map((s) => s.id));
    const f = await model.predict(weekly);
    expect(f.forecasts).toHaveLength(30);
    for (const x of f.forecasts) {
      expect(x).toHaveLength(model.meta.config.horizon);
      expect(x.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    }
    const v = model.meta.networks[0].validation!;
    expect(v.mae).toBeLessThan(v.seasonalNaiveMae);
    // Trained with the seasonal-drift baseline, which the network may only leave when it is clearly better.
    expect(model.meta.config.driftWindow).toBe(13);
    expect(model.meta.knownFeatures).toContain('seasonalDrift');
    expect(v.mae).toBeLessThanOrEqual(v.baselineMae! + 1e-6 * v.baselineMae!);
    model.dispose();
  });

  it('rejects a meta.json of another format', async () => {
    await expect(loadLstm(async () => '{"format":"other"}')).rejects.toThrow(/not a Shelfcast LSTM model/);
  });
});
