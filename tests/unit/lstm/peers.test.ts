import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { useBackend } from '../../../src/lib/lstm/backend';
import { buildSeriesFeatures, calendarTable, createLstmInput, fillKnown, fitSeriesScale, knownFeatureNames, knownPerPeriod, knownWidth, stepWidth, type LstmInput, type SeriesFeatures } from '../../../src/lib/lstm/features';
import { fitLstm } from '../../../src/lib/lstm/lstm';
import { maybeLstmOptions } from '../../../src/lib/lstm/options';
import { attachPeers, peerColumns, peerGapAt, type PeerSeries } from '../../../src/lib/lstm/peers';
import { SMALL } from './toy';

beforeAll(async () => {
  await useBackend('cpu');
});

const live = () => new AbortController().signal;

/** Monthly store × department series: each department has its own season profile (12 random monthly factors, the
 * same every year, not a smooth curve that a series' own neighbouring months would reveal); each series is that
 * profile times a store level, with its own noise. */
function storeDepartments(n: number, stores = 4, departments = 3, noise = 0.15, seed = 5): LstmInput {
  const rng = createRng(seed);
  const values: Float64Array[] = [];
  const keys: Array<Record<string, string>> = [];
  for (let d = 0; d < departments; d++) {
    const profile = Array.from({ length: 12 }, () => Math.max(0.3, 1 + 0.4 * rng.normal()));
    for (let s = 0; s < stores; s++) {
      const level = 50 + 30 * s + 10 * d;
      values.push(Float64Array.from({ length: n }, (_, t) => level * profile[t % 12] * (1 + noise * rng.normal())));
      keys.push({ Store: String(s + 1), Dept: String(d + 1) });
    }
  }
  const input = createLstmInput(values, { frequency: 'monthly' });
  input.series.forEach((s, i) => (s.key = keys[i]));
  return input;
}

function featuresOf(input: LstmInput, end: number, layout: ReturnType<typeof maybeLstmOptions>): Array<SeriesFeatures | null> {
  const table = calendarTable(input.calendar, layout, end + layout.horizon);
  const features = input.series.map((s) => buildSeriesFeatures(s, end, layout, fitSeriesScale(s, end, [])!, 0, table));
  attachPeers(features, input.series, layout.peers, end, stepWidth(layout));
  return features;
}

describe('peer columns', () => {
  it('keeps the key columns where leaving one out groups at least two series', () => {
    expect(peerColumns(storeDepartments(24).series)).toEqual(['Dept', 'Store']);
    // One key column: every other series is a peer.
    expect(peerColumns([{ key: { Store: '1' } }, { key: { Store: '2' } }])).toEqual(['Store']);
    // A column unique per series next to one that groups them: only the unique one has peers (its groups).
    expect(peerColumns([{ key: { Sku: 'a', Cat: 'x' } }, { key: { Sku: 'b', Cat: 'x' } }])).toEqual(['Sku']);
    expect(peerColumns([{ key: {} }, { key: {} }])).toEqual([]);
    expect(peerColumns([{ key: { Store: '1' } }])).toEqual([]);
  });
});

describe('attachPeers', () => {
  it('groups by every shared key column but the one left out, a column without peers included', () => {
    // Key (Sku, Cat): only Sku has peers (the other skus of the same category); Cat still separates the groups.
    const key = [{ Sku: 'a', Cat: 'x' }, { Sku: 'b', Cat: 'x' }, { Sku: 'c', Cat: 'y' }];
    const steps = [Float32Array.of(1, 2), Float32Array.of(3, 4), Float32Array.of(100, 100)];
    const features: PeerSeries[] = steps.map((s) => ({ first: 0, rows: 2, steps: s }));
    const series = key.map((k) => ({ key: k }));
    const columns = peerColumns(series);
    expect(columns).toEqual(['Sku']);
    attachPeers(features, series, columns, 2, 1);
    // Series a's only peer is b (same category), not c.
    expect(peerGapAt(features[0], features[0].peers![0]!, 1, 1)).toBe(4 - 2);
    expect(peerGapAt(features[2], features[2].peers![0]!, 1, 1)).toBeNaN();
  });
});

describe('peer inputs', () => {
  const input = storeDepartments(40);
  const layout = maybeLstmOptions({ horizon: 3 }, input.calendar, [], [], peerColumns(input.series));

  it('enter the known vector per forecast period, named', () => {
    expect(layout.peers).toEqual(['Dept', 'Store']);
    expect(knownFeatureNames(layout)).toEqual(['holiday', 'baseline', 'seasonalNaiveHoliday', 'seasonalDrift', 'peers:Dept', 'peers:Store']);
    expect(knownPerPeriod(layout)).toBe(6);
  });

  it("are the peers' mean scaled value (leaving the series out) minus its own, at the baseline's seasonal period", () => {
    const end = 30;
    const features = featuresOf(input, end, layout);
    const w = stepWidth(layout);
    const scaled = (i: number, p: number) => features[i]!.steps[(p - features[i]!.first) * w];
    // Series 0 is store 1, department 1. Its 'Store' peers (column Store left out) are department 1's other stores:
    // series 1, 2, 3; its 'Dept' peers are store 1's other departments: series 4 and 8.
    const p = 17;
    const storePeers = (scaled(1, p) + scaled(2, p) + scaled(3, p)) / 3 - scaled(0, p);
    const deptPeers = (scaled(4, p) + scaled(8, p)) / 2 - scaled(0, p);
    expect(peerGapAt(features[0]!, features[0]!.peers![1]!, p, w)).toBeCloseTo(storePeers, 6);
    expect(peerGapAt(features[0]!, features[0]!.peers![0]!, p, w)).toBeCloseTo(deptPeers, 6);
    // The known vector of origin 28, period h = 1 (calendar period 29) reads period 29 − 12 = 17.
    const known = new Float32Array(knownWidth(layout));
    fillKnown(known, 0, 28, features[0]!, layout, calendarTable(input.calendar, layout, 31));
    const kw = knownPerPeriod(layout);
    expect(known[kw + 4]).toBeCloseTo(deptPeers, 6);
    expect(known[kw + 5]).toBeCloseTo(storePeers, 6);
  });

  it('read nothing at or after the origin, of the series or of its peers', () => {
    const origin = 30;
    const table = calendarTable(input.calendar, layout, origin + 3);
    const known = (data: LstmInput) => {
      const features = featuresOf(data, origin, layout);
      const out = new Float32Array(knownWidth(layout));
      fillKnown(out, 0, origin, features[5]!, layout, table);
      return out;
    };
    const changed = createLstmInput(
      input.series.map((s) => s.values.map((v, t) => (t >= origin ? 1000 * v : v))),
      { frequency: 'monthly' },
    );
    changed.series.forEach((s, i) => (s.key = input.series[i].key));
    expect(Array.from(known(changed))).toEqual(Array.from(known(input)));
  });

  it('leave epoch 0 the baseline, and predicting some series sees all their peers', async () => {
    const model = await fitLstm(input, { ...SMALL, horizon: 3, epochs: 2 }, live());
    expect(model.meta.config.peers).toEqual(['Dept', 'Store']);
    const all = await model.predict(input, { origin: 36 });
    const one = await model.predict(input, { origin: 36, seriesIds: ['s5'] });
    expect(Array.from(one.forecasts[0])).toEqual(Array.from(all.forecasts[5]));
    const untrained = await fitLstm(input, { ...SMALL, horizon: 3, epochs: 1, learningRate: 1e-12 }, live());
    const { validation } = untrained.meta.networks[0];
    expect(validation!.mae).toBeCloseTo(validation!.baselineMae!, 6);
    model.dispose();
    untrained.dispose();
  }, 30_000);

  it("learn to shrink a noisy seasonal value towards the department's shape: beats the baseline where peers are off", async () => {
    // Seasonal naive copies last year's noise (15 %); the department's other stores average it out.
    const data = storeDepartments(72, 6, 3, 0.15, 9);
    const options = { ...SMALL, horizon: 3, epochs: 30, patience: 8, units: 8, driftWindow: 0, shrinkCorrection: false, baselineStandardErrors: 0 };
    const withPeers = await fitLstm(data, options, live());
    const without = await fitLstm(data, { ...options, peerInputs: false }, live());
    const a = withPeers.meta.networks[0];
    const b = without.meta.networks[0];
    expect(a.validation!.mae).toBeLessThan(0.9 * a.validation!.baselineMae!);
    // Measured: 20.1 with peers, 23.3 without, 24.6 for the baseline.
    expect(a.validation!.mae).toBeLessThan(0.95 * b.validation!.mae);
    withPeers.dispose();
    without.dispose();
  }, 60_000);
});
