import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WEEKLY_ID, generateDemoWorkspace } from '../../../src/lib/demo';
import { useBackend } from '../../../src/lib/lstm/backend';
import { loadLstm, type LstmFile } from '../../../src/lib/lstm/io';
import { forecastWithSavedModel } from '../../../src/lib/lstm/run';
import { checkTestSpan } from '../../../src/lib/lstm/test-span';

// Issue #12, point 4: the shipped demo model (public/models/demo-weekly, `npm run train:demo`) is trained, and its
// stored check is on a test span after its validation span, the same numbers the app computes when it forecasts.

const dir = resolve(import.meta.dirname, '../../../public/models/demo-weekly');
const weekly = () => generateDemoWorkspace({ seed: 20240101 }).datasets.find((d) => d.meta.id === DEMO_WEEKLY_ID)!;
let files: LstmFile[];

beforeAll(async () => {
  await useBackend('cpu');
  files = await Promise.all(
    ['meta.json', 'model.json', 'weights.bin'].map(async (name) => {
      const data = await readFile(resolve(dir, name));
      return { name, data: name.endsWith('.json') ? data.toString('utf8') : new Uint8Array(data) };
    }),
  );
});

const read = async (name: string) => files.find((f) => f.name === name)!.data;

describe('the shipped demo model', () => {
  it('is a trained quantile network: epoch > 0 chosen by the validation rule, validated before its test span', async () => {
    const model = await loadLstm(read);
    try {
      const { meta } = model;
      const net = meta.networks[0];
      expect(net.training.bestEpoch).toBeGreaterThan(0);
      expect(net.training.baselineCheck?.keptBaseline).toBe(false);
      expect(net.training.bestLoss).toBeLessThan(net.training.initialValLoss);
      expect(meta.config.quantiles).toEqual([0.1, 0.5, 0.9]);
      const check = meta.testCheck!;
      // Training targets, then validation targets, then the test span, which starts at the model's origin.
      expect(check.trainTargets.toDay).toBeLessThan(check.validationTargets!.fromDay);
      expect(check.validationTargets!.fromDay).toBe(net.heldOutFromDay);
      expect(check.validationTargets!.toDay).toBeLessThan(check.testTargets.fromDay);
      expect(check.testTargets.fromDay).toBe(meta.originDay);
    } finally {
      model.dispose();
    }
  });

  it('its stored test-span check is what its weights give on the demo data, and what the app shows when it forecasts with it', async () => {
    const data = weekly();
    const model = await loadLstm(read);
    const stored = model.meta.testCheck!;
    const again = await checkTestSpan(model, data, stored.firstOrigin);
    model.dispose();
    expect(again.windows).toBe(stored.windows);
    for (const key of ['network', 'baseline', 'seasonalNaive'] as const) {
      for (const m of ['wape', 'mase', 'mape'] as const) expect(again[key][m]).toBeCloseTo(stored[key][m]!, 6);
    }
    expect(again.interval!.coverage).toBeCloseTo(stored.interval!.coverage!, 9);
    // The app's own check (Forecast view, "Forecast with this model") runs on the same test windows.
    const fc = await forecastWithSavedModel(data, { name: 'demo', files }, { signal: new AbortController().signal, onProgress: () => {} });
    expect(fc.check!.span).toBe('test');
    expect(fc.check!.firstOrigin).toBe(stored.firstOrigin);
    const app = Object.fromEntries(fc.check!.scores.map((s) => [s.modelId, s]));
    for (const m of ['wape', 'mase', 'mape'] as const) {
      expect(app.lstm[m]).toBeCloseTo(stored.network[m]!, 6);
      expect(app.snaive[m]).toBeCloseTo(stored.seasonalNaive[m]!, 6);
    }
  });
});
