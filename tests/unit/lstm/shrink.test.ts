import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { useBackend } from '../../../src/lib/lstm/backend';
import { seriesLossWeights } from '../../../src/lib/lstm/batch';
import type { SeriesFeatures } from '../../../src/lib/lstm/features';
import { fitLstm } from '../../../src/lib/lstm/lstm';
import { LstmNetwork, type Batch } from '../../../src/lib/lstm/network';
import { refitRecord } from '../../../src/lib/lstm/refit';
import { blendedOriginLosses, blendHead, chooseShrinkage, SHRINK_GRID, type PairOutputs } from '../../../src/lib/lstm/shrink';
import { SMALL, seasonalToy } from './toy';

beforeAll(async () => {
  await useBackend('cpu');
});

const randoms = (seed: number, n: number, scale = 1) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
};

describe('shrinking the correction towards the baseline', () => {
  // A quantile network with a skip whose 10 % / 90 % outputs start on a spread input, as fitLstm builds it.
  const shape = { inputSize: 4, knownSize: 9, horizon: 3, lookback: 5, layers: 1, units: 6, dropout: 0, skip: [0, 1, 2], quantiles: [0.1, 0.5, 0.9] };
  const B = 7;
  const x = randoms(1, shape.lookback * B * shape.inputSize);
  const known = randoms(2, B * shape.knownSize);

  async function trainedPair() {
    const head = new Float32Array((shape.units + shape.knownSize) * 9);
    for (let h = 0; h < 3; h++) {
      head[(shape.units + 8) * 9 + h] = -1.2;
      head[(shape.units + 8) * 9 + 6 + h] = 1.3;
    }
    const net = LstmNetwork.create(shape, createRng(3), 0, head);
    const initial = net.snapshot();
    const before = await net.predict(x, known, B);
    const batch: Batch = { size: B, x, known, y: randoms(4, B * 3, 2), weight: new Float32Array(B * 3).fill(1) };
    for (let i = 0; i < 5; i++) net.trainStep(batch, createRng(5 + i), 0.05, 10).dispose();
    const after = await net.predict(x, known, B);
    return { net, initial, before, after };
  }

  it('λ = 0 is the untrained network (the baseline) bit for bit, λ = 1 the trained one, λ = ½ halfway', async () => {
    for (const lambda of [0, 1, 0.5]) {
      const { net, initial, before, after } = await trainedPair();
      expect(after).not.toEqual(before);
      blendHead(net, initial, lambda);
      const blended = await net.predict(x, known, B);
      if (lambda === 0) {
        expect(blended).toEqual(before);
        // The median outputs are the skip inputs exactly.
        for (let b = 0; b < B; b++) for (let h = 0; h < 3; h++) expect(blended[b * 9 + 3 + h]).toBe(known[b * shape.knownSize + h]);
      } else {
        blended.forEach((v, i) => expect(v).toBeCloseTo(before[i] + lambda * (after[i] - before[i]), 5));
      }
      for (const t of initial) t.dispose();
      net.dispose();
    }
  });

  it('chooses the λ whose blend errs least on validation: an overshooting correction is halved', () => {
    // Point network (H = 2): the baseline errs by +1 everywhere, the trained network by −1 (it corrects twice over).
    const n = 6;
    const y = new Float32Array(n * 2).fill(5);
    const base: PairOutputs = { outputs: 2, pred: new Float32Array(n * 2).fill(6), y, weight: new Float32Array(n * 2).fill(1), origin: Int32Array.from({ length: n }, (_, i) => 10 + (i % 3)) };
    const trained: PairOutputs = { ...base, pred: new Float32Array(n * 2).fill(4) };
    const { lambda, losses } = chooseShrinkage(trained, base, undefined);
    expect(lambda).toBe(0.5);
    expect(losses.origins).toEqual([10, 11, 12]);
    expect(Array.from(losses.sse)).toEqual([0, 0, 0]);
    // A correction that is right as it is keeps λ = 1; one that only hurts gets λ = 0.
    expect(chooseShrinkage({ ...base, pred: new Float32Array(n * 2).fill(5) }, base, undefined).lambda).toBe(1);
    expect(chooseShrinkage({ ...base, pred: new Float32Array(n * 2).fill(8) }, base, undefined).lambda).toBe(0);
    // With quantiles the median's absolute error is scored: columns [q10 | q50 | q90] of H = 1.
    const q: PairOutputs = { outputs: 3, pred: Float32Array.from([0, 7, 100]), y: Float32Array.from([5]), weight: Float32Array.from([2]), origin: Int32Array.from([3]) };
    expect(Array.from(blendedOriginLosses(q, null, 1, [0.1, 0.5, 0.9]).sse)).toEqual([4]);
  });

  it('fitLstm records the λ it chose on the grid, and the refit panel reports it; shrinkCorrection false never shrinks', async () => {
    const input = seasonalToy(72, [100, 40, 70]);
    const on = await fitLstm(input, { ...SMALL, epochs: 6, baselineStandardErrors: 0 }, new AbortController().signal);
    const off = await fitLstm(input, { ...SMALL, epochs: 6, baselineStandardErrors: 0, shrinkCorrection: false }, new AbortController().signal);
    const t = on.meta.networks[0].training;
    const reported = refitRecord(on.meta, [72]).networks![0].shrinkage!;
    expect(SHRINK_GRID).toContain(reported);
    expect(reported).toBe(t.bestEpoch === 0 ? 0 : (t.shrinkage?.lambda ?? 1));
    if (t.shrinkage && t.shrinkage.lambda > 0) expect(t.bestLoss).toBe(t.shrinkage.valLoss);
    expect(off.meta.networks[0].training.shrinkage).toBeUndefined();
    // Both ran the same epochs from the same seed: only the blend differs.
    expect(off.meta.networks[0].training.history).toEqual(t.history.map((h) => ({ ...h, ms: expect.any(Number) })));
    on.dispose();
    off.dispose();
  });
});

describe('loss weights per series', () => {
  const sf = (level: number) => ({ scale: { level } }) as unknown as SeriesFeatures;
  it("'level' weighs each series by its level over the network's mean level, 'equal' by 1; no features, 0", () => {
    const features = [sf(10), null, sf(30), sf(20)];
    expect(Array.from(seriesLossWeights(features, [0, 1, 2, 3], 'level'))).toEqual([0.5, 0, 1.5, 1]);
    expect(Array.from(seriesLossWeights(features, [0, 1, 2, 3], 'equal'))).toEqual([1, 0, 1, 1]);
    // Per series (one network per series) every weight is 1 whatever the level.
    expect(Array.from(seriesLossWeights(features, [2], 'level'))).toEqual([0, 0, 1, 0]);
  });
});
