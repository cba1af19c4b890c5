import * as tf from '@tensorflow/tfjs';
import { AppError } from '../core/errors';
import { LstmModel, type LstmMeta } from './lstm';
import { seasonalSkipIndices } from './features';
import { LstmNetwork, type NetworkShape } from './network';

/**
 * Export and import in TF.js format. Each network becomes a standard TF.js layers model, saved as model.json plus a
 * weights .bin through `model.save` with a custom IOHandler, and read back with `tf.loadLayersModel`:
 *
 *   history [L, inputs] → LSTM (sigmoid gates) × layers, Dropout after each → ┐
 *   known [K] ───────────────────────────────────────────────────────────────→ Concatenate → Dense(O) ──→ Add → y / level
 *   known [K] → seasonal_skip: a fixed 0/1 Dense (no bias, not trainable) picking each period's baseline ───────┘
 *
 * O = H outputs, or Q × H with quantiles (column j·H + h is quantile j of period h; the median is the point forecast).
 * meta.json carries everything else (settings, scalers, training record, validation scores). A global model is
 * `meta.json`, `model.json`, `weights.bin`; a per-series model has `model-<k>.json` and `weights-<k>.bin` per network.
 * Any TF.js app can load model.json with `tf.loadLayersModel(url)` and feed it inputs built as in features.ts.
 */

/** One file of a saved model. */
export interface LstmFile {
  /** File name, no folders. */
  name: string;
  /** UTF-8 JSON text, or binary weights. */
  data: string | Uint8Array;
}

/** Reads a file of a saved model by name (fetch, fs, IndexedDB...). */
export type LstmFileReader = (name: string) => Promise<string | Uint8Array | ArrayBuffer>;

function fileNames(meta: LstmMeta, k: number): { json: string; bin: string } {
  return meta.config.mode === 'global' ? { json: 'model.json', bin: 'weights.bin' } : { json: `model-${k}.json`, bin: `weights-${k}.bin` };
}

function networkShape(meta: LstmMeta): NetworkShape {
  const c = meta.config;
  return {
    inputSize: meta.stepFeatures.length,
    knownSize: meta.knownSize,
    horizon: c.horizon,
    lookback: c.lookback,
    layers: c.layers,
    units: c.units,
    dropout: c.dropout,
    skip: c.seasonalSkip ? seasonalSkipIndices(c) : undefined,
    // Models saved before issue #12 have no quantiles: one output per period.
    quantiles: c.quantiles ?? [],
  };
}

/** Builds the standard TF.js layers model of a network, holding copies of its weights. The caller disposes it. */
export async function toLayersModel(net: LstmNetwork): Promise<tf.LayersModel> {
  const s = net.shape;
  const weights = await net.readWeights();
  const history = tf.input({ shape: [s.lookback, s.inputSize], name: 'history' });
  const known = tf.input({ shape: [s.knownSize], name: 'known' });
  let h = history;
  const lstms: tf.layers.Layer[] = [];
  for (let l = 0; l < s.layers; l++) {
    // Explicit names keep model.json byte-identical from run to run (generated names count layers per process).
    const layer = tf.layers.lstm({ units: s.units, recurrentActivation: 'sigmoid', returnSequences: l < s.layers - 1, name: `lstm_${l + 1}` });
    lstms.push(layer);
    h = layer.apply(h) as tf.SymbolicTensor;
    if (s.dropout > 0) h = tf.layers.dropout({ rate: s.dropout, name: `dropout_${l + 1}` }).apply(h) as tf.SymbolicTensor;
  }
  const joined = tf.layers.concatenate({ name: 'concat' }).apply([h, known]) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: net.outputs, name: 'forecast' });
  let output = dense.apply(joined) as tf.SymbolicTensor;
  const skip = LstmNetwork.skipMatrix(s);
  const skipLayer = skip ? tf.layers.dense({ units: net.outputs, useBias: false, trainable: false, name: 'seasonal_skip' }) : null;
  if (skipLayer) output = tf.layers.add({ name: 'plus_seasonal_naive' }).apply([output, skipLayer.apply(known) as tf.SymbolicTensor]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [history, known], outputs: output, name: 'shelfcast_lstm' });
  const shapes = LstmNetwork.weightShapes(s);
  tf.tidy(() => {
    lstms.forEach((layer, l) => {
      // The network stacks [kernel; recurrentKernel]; Keras keeps them apart.
      const stacked = tf.tensor2d(weights[2 * l], shapes[2 * l] as [number, number]);
      const inputs = shapes[2 * l][0] - s.units;
      layer.setWeights([tf.slice(stacked, [0, 0], [inputs, 4 * s.units]), tf.slice(stacked, [inputs, 0], [s.units, 4 * s.units]), tf.tensor(weights[2 * l + 1])]);
    });
    dense.setWeights([tf.tensor(weights[2 * s.layers], shapes[2 * s.layers]), tf.tensor(weights[2 * s.layers + 1])]);
    if (skipLayer && skip) skipLayer.setWeights([tf.tensor2d(skip, [s.knownSize, net.outputs])]);
  });
  return model;
}

/** Reads a network's weights out of a layers model built by `toLayersModel`, checking the architecture. */
async function fromLayersModel(model: tf.LayersModel, shape: NetworkShape): Promise<LstmNetwork> {
  const lstms = model.layers.filter((l) => l.getClassName() === 'LSTM');
  // The trainable Dense is the forecast head; 'seasonal_skip' is fixed by the layout and rebuilt from meta.json.
  const dense = model.layers.filter((l) => l.getClassName() === 'Dense' && l.trainable);
  if (lstms.length !== shape.layers || dense.length !== 1) {
    throw new AppError('invalid-input', `model.json has ${lstms.length} LSTM and ${dense.length} trainable Dense layers; meta.json expects ${shape.layers} and 1`);
  }
  const tensors = tf.tidy(() => [
    ...lstms.flatMap((l) => {
      const [kernel, recurrentKernel, bias] = l.getWeights();
      return [tf.concat([kernel, recurrentKernel], 0), bias.clone()];
    }),
    ...dense[0].getWeights().map((t) => t.clone()),
  ]);
  try {
    const shapes = LstmNetwork.weightShapes(shape);
    tensors.forEach((t, i) => {
      if (t.shape.join() !== shapes[i].join()) throw new AppError('invalid-input', `weight ${i} has shape [${t.shape}], expected [${shapes[i]}]`);
    });
    const values = await Promise.all(tensors.map(async (t) => Float32Array.from(await t.data())));
    return LstmNetwork.fromWeights(shape, values);
  } finally {
    tf.dispose(tensors);
  }
}

/** Options of `saveLstm`. */
export interface SaveLstmOptions {
  /** Write 0 for the wall-clock timings in meta.json (elapsedMs, each epoch's ms), so that the same training
   * saves byte-identical files. Default false. */
  omitTimings?: boolean;
}

/** The model's meta as saved: with timings zeroed when asked. */
function savedMeta(meta: LstmMeta, omitTimings: boolean): LstmMeta {
  if (!omitTimings) return meta;
  return {
    ...meta,
    elapsedMs: 0,
    networks: meta.networks.map((n) => ({ ...n, training: { ...n.training, history: n.training.history.map((h) => ({ ...h, ms: 0 })) } })),
  };
}

/** Saves a model as TF.js files: meta.json plus, per network, model.json and its weights .bin. */
export async function saveLstm(model: LstmModel, options: SaveLstmOptions = {}): Promise<LstmFile[]> {
  const files: LstmFile[] = [{ name: 'meta.json', data: `${JSON.stringify(savedMeta(model.meta, options.omitTimings ?? false), null, 1)}\n` }];
  const nets = model.networkList;
  for (let k = 0; k < nets.length; k++) {
    const names = fileNames(model.meta, k);
    const layers = await toLayersModel(nets[k]);
    try {
      await layers.save(
        tf.io.withSaveHandler(async (artifacts) => {
          const weightData = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
          const json: tf.io.ModelJSON = {
            modelTopology: artifacts.modelTopology as object,
            format: artifacts.format,
            generatedBy: artifacts.generatedBy,
            convertedBy: null,
            weightsManifest: [{ paths: [names.bin], weights: artifacts.weightSpecs ?? [] }],
          };
          files.push({ name: names.json, data: JSON.stringify(json) }, { name: names.bin, data: new Uint8Array(weightData) });
          return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength } };
        }),
      );
    } finally {
      layers.dispose();
    }
  }
  return files;
}

const text = (data: string | Uint8Array | ArrayBuffer) => (typeof data === 'string' ? data : new TextDecoder().decode(data));
const bytes = (data: string | Uint8Array | ArrayBuffer): ArrayBuffer => {
  if (typeof data === 'string') throw new AppError('invalid-input', 'weights file read as text; expected binary');
  return data instanceof Uint8Array ? (data.slice().buffer as ArrayBuffer) : data;
};

/** Loads a model saved by `saveLstm`: meta.json first, then each network through `tf.loadLayersModel`. */
export async function loadLstm(read: LstmFileReader): Promise<LstmModel> {
  const meta = JSON.parse(text(await read('meta.json'))) as LstmMeta;
  if (meta?.format !== 'shelfcast-lstm' || meta.version !== 1) {
    throw new AppError('invalid-input', `meta.json is not a Shelfcast LSTM model (format ${String(meta?.format)}, version ${String(meta?.version)})`);
  }
  // Models saved before the seasonal drift existed have a plain seasonal-naive baseline and no drift input.
  meta.config.driftWindow ??= 0;
  const shape = networkShape(meta);
  const networks: LstmNetwork[] = [];
  try {
    for (let k = 0; k < meta.networks.length; k++) {
      const names = fileNames(meta, k);
      const json = JSON.parse(text(await read(names.json))) as tf.io.ModelJSON;
      const artifacts = await tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const data = await Promise.all(manifest.flatMap((group) => group.paths).map(async (p) => bytes(await read(p))));
        return [specs, data.length === 1 ? data[0] : data];
      });
      const layers = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
      try {
        networks.push(await fromLayersModel(layers, shape));
      } finally {
        layers.dispose();
      }
    }
  } catch (error) {
    for (const n of networks) n.dispose();
    throw error;
  }
  return new LstmModel(meta, networks);
}
