import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_WEEKLY_ID, generateDemoWorkspace } from '../../../src/lib/demo';
import { saveDataset } from '../../../src/persistence/datasets';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { getRecord, listRecords } from '../../../src/persistence/records';
import { DEMO_MODEL_ID, DEMO_MODEL_PATH, describeInputs, installDemoModel, loadModelFacts, modelFacts } from '../../../src/ui/state/demo-model';
import type { LstmMeta } from '../../../src/lib/lstm/types';

let n = 0;
/** A workspace holding the demo's weekly dataset (a model is saved only beside its dataset). */
const freshDb = async () => {
  const db = await openWorkspaceDb(`demo-model-${++n}`);
  await saveDataset(db, generateDemoWorkspace({ stores: 2, items: 1 }).datasets[0]);
  return db;
};
const shipped = resolve(import.meta.dirname, '../../../public', DEMO_MODEL_PATH);

/** A fetch that serves public/ for URLs under the base, and 404 (or a given body) otherwise. */
function fakeFetch(base: string, override: Record<string, string> = {}): typeof fetch {
  return (async (url: string) => {
    const path = url.startsWith(base) ? url.slice(base.length) : '';
    if (path in override) return new Response(override[path]);
    try {
      return new Response(readFileSync(resolve(import.meta.dirname, '../../../public', path)));
    } catch {
      return new Response('not found', { status: 404 });
    }
  }) as typeof fetch;
}

describe('installDemoModel', () => {
  it('saves the shipped model for the demo weekly dataset, byte for byte, replacing an earlier copy', async () => {
    const db = await freshDb();
    const base = 'https://example.test/app/';
    expect(await installDemoModel(db, base, fakeFetch(base))).toBe(true);
    expect(await installDemoModel(db, base, fakeFetch(base))).toBe(true);
    const list = await listRecords(db, 'models', DEMO_WEEKLY_ID);
    expect(list.map((r) => r.id)).toEqual([DEMO_MODEL_ID]);
    const record = await getRecord<{ files: Array<{ name: string; data: string | Uint8Array }>; meta: { config: { horizon: number } } }>(db, 'models', DEMO_MODEL_ID);
    const files = new Map(record!.payload.files.map((f) => [f.name, f.data]));
    expect(files.get('meta.json')).toBe(readFileSync(resolve(shipped, 'meta.json'), 'utf8'));
    expect(Buffer.from(files.get('weights.bin') as Uint8Array).equals(readFileSync(resolve(shipped, 'weights.bin')))).toBe(true);
    expect(record!.name).toMatch(new RegExp(`${record!.payload.meta.config.horizon} weeks ahead`));
  });

  it('leaves the workspace as it was when the files are missing or are not a Shelfcast model', async () => {
    const db = await freshDb();
    const base = 'https://example.test/';
    expect(await installDemoModel(db, base, fakeFetch('https://elsewhere.test/'))).toBe(false);
    expect(await installDemoModel(db, base, fakeFetch(base, { [`${DEMO_MODEL_PATH}meta.json`]: '{"format":"other"}' }))).toBe(false);
    expect(await installDemoModel(db, base, fakeFetch(base, { [`${DEMO_MODEL_PATH}meta.json`]: '<html>' }))).toBe(false);
    expect(await listRecords(db, 'models')).toEqual([]);
  });
});

describe('modelFacts', () => {
  const shippedMeta = (): LstmMeta => JSON.parse(readFileSync(resolve(shipped, 'meta.json'), 'utf8'));

  it('reads the chosen epoch, the losses from epoch 0, the outputs and the stored test-span check out of the shipped meta.json', async () => {
    const meta = shippedMeta();
    const t = meta.networks[0].training;
    const facts = modelFacts(meta)!;
    expect(facts.chosenEpoch).toBe(t.bestEpoch);
    expect(facts.losses[0]).toEqual({ epoch: 0, train: t.initialTrainLoss, val: t.initialValLoss });
    expect(facts.losses.map((l) => l.epoch)).toEqual(Array.from({ length: t.epochs + 1 }, (_, e) => e));
    // The chosen epoch's loss, or with a shrunk correction the blend's.
    expect(facts.chosenValLoss).toBe(t.shrinkage ? t.shrinkage.valLoss : facts.losses[t.bestEpoch].val);
    expect(facts.shrinkage).toEqual(t.shrinkage ?? null);
    expect(facts.quantiles).toEqual(meta.config.quantiles);
    expect(facts.validationFromDay).toBe(meta.networks[0].heldOutFromDay);
    expect(facts.testCheck).toEqual(meta.testCheck);
    // The same facts come back from the record the demo saves.
    const db = await freshDb();
    const base = 'https://example.test/';
    await installDemoModel(db, base, fakeFetch(base));
    expect(await loadModelFacts(db, DEMO_MODEL_ID)).toEqual(facts);
    expect(await loadModelFacts(db, 'no-such-model')).toBeNull();
  });

  it('says what an older model lacks: no quantile outputs, no epoch-0 training loss, no test-span check', () => {
    const meta = shippedMeta();
    delete (meta.config as { quantiles?: number[] }).quantiles;
    delete meta.networks[0].training.initialTrainLoss;
    delete meta.testCheck;
    const facts = modelFacts(meta)!;
    expect(facts.quantiles).toEqual([]);
    expect(facts.losses[0].epoch).toBe(0);
    expect(facts.losses[0].train).toBeNaN();
    expect(facts.testCheck).toBeNull();
    expect(modelFacts(null)).toBeNull();
    expect(modelFacts({ config: meta.config } as LstmMeta)).toBeNull();
    expect(modelFacts({ ...meta, networks: [meta.networks[0], meta.networks[0]] })).toBeNull();
  });
});

describe('describeInputs', () => {
  it("names each input once, in words, from the meta's feature names", () => {
    const inputs = describeInputs({
      stepFeatures: ['value', 'mean4', 'mean13', 'holiday', 'yearSin1', 'yearCos1', 'cov:Temperature'],
      knownFeatures: ['holiday', 'baseline', 'seasonalNaiveHoliday', 'seasonalDrift', 'peers:Dept', 'peers:Store', 'future:MarkDown1'],
      staticFeatures: ['logLevel', 'spread', 'Store=1', 'Store=2', 'Dept=7'],
    }, 'week');
    expect(inputs.history).toEqual(["sales over the series' level", '4-week mean', '13-week mean', 'holiday flag', 'time of year', 'Temperature']);
    expect(inputs.ahead).toContain('the holiday flag of the week the baseline copies');
    expect(inputs.ahead).toContain("its peers' seasonal value against its own (the series that differ from it only in Store)");
    expect(inputs.ahead).toContain('MarkDown1 (known ahead)');
    expect(inputs.fixed).toEqual(['its size (log of its level)', 'its recent spread (for the intervals)', 'a learned correction per Store', 'a learned correction per Dept']);
  });

  it('the shipped demo model reads its peers (the other stores) and no yearly calendar or covariates', () => {
    const meta = JSON.parse(readFileSync(resolve(shipped, 'meta.json'), 'utf8')) as LstmMeta;
    const facts = modelFacts(meta)!;
    expect(facts.inputs.ahead.some((x) => x.startsWith("its peers' seasonal value"))).toBe(true);
    expect(facts.inputs.history).not.toContain('time of year');
  });
});

