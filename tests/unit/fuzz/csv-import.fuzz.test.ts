/**
 * Fuzzing the CSV import: a seeded corpus (see generate.ts) of random bytes, truncated real files, mutated cells
 * and mixed encodings, each imported as sales and as inventory the way the worker does. The contract under
 * test (STYLE E2, "user data never throws"): the import resolves, never rejects; its outcome is 'ok',
 * 'ask-date-order' or 'fatal'; a fatal outcome carries at least one fatal issue whose message is a sentence;
 * every issue's message is non-empty. Replay one case with `-t "<its id>"`.
 */
import { describe, expect, it } from 'vitest';
import type { ImportRole } from '../../../src/lib/csv/mapping';
import { SHARED_DATA, SKIP_MESSAGE, hasSharedData, importText } from '../csv/helpers';
import { createCorpus } from './generate';

/** Seed of the corpus; explore others with FUZZ_SEED=n, and keep what they find as regression tests. */
const SEED = Number(process.env.FUZZ_SEED ?? 20240611);

/**
 * Cases known to break the contract, by id, with the reason. Each runs as `it.fails` so the suite stays green
 * while it is broken and turns red once it is fixed (then remove it from here).
 */
const KNOWN_FAILURES: Record<string, string> = {};

const { cases, realCount } = createCorpus(SEED, SHARED_DATA);

/** A sentence for people: some words, not just a code or a blank. */
const SENTENCE = /^\S.*\p{L}{2,}.*\s.*\S$/su;

async function checkImport(bytes: Uint8Array, role: ImportRole): Promise<void> {
  let outcome = await importText(bytes, role);
  const checkOutcome = () => {
    expect(['ok', 'ask-date-order', 'fatal'], `${role}: outcome kind`).toContain(outcome.kind);
    for (const issue of outcome.report.issues) {
      expect(typeof issue.message === 'string' && issue.message.trim().length > 0, `${role}: empty message for ${issue.code}`).toBe(true);
    }
    if (outcome.kind === 'fatal') {
      expect(outcome.report.fatal, `${role}: fatal outcome with report.fatal false`).toBe(true);
      const fatal = outcome.report.issues.filter((i) => i.severity === 'fatal');
      expect(fatal.length, `${role}: fatal outcome without a fatal issue`).toBeGreaterThan(0);
      expect(fatal.some((i) => SENTENCE.test(i.message)), `${role}: no fatal message is a sentence: ${JSON.stringify(fatal.map((i) => i.message))}`).toBe(true);
    } else if (outcome.kind === 'ok') {
      expect(outcome.report.fatal, `${role}: ok outcome with a fatal report`).toBe(false);
      expect(outcome.dataset ?? outcome.inventory, `${role}: ok outcome with nothing imported`).not.toBeNull();
      if (outcome.dataset) {
        expect(outcome.dataset.series.length).toBe(outcome.dataset.meta.seriesCount);
        for (const s of outcome.dataset.series) expect(s.start + s.values.length).toBeLessThanOrEqual(outcome.dataset.calendar.days.length);
      }
    } else {
      expect(outcome.question, `${role}: ask-date-order without a question`).toBeTruthy();
    }
  };
  checkOutcome();
  if (outcome.kind === 'ask-date-order') {
    // Answer the question, as the user would, and check the import that follows too.
    for (const order of ['dmy', 'mdy'] as const) {
      outcome = await importText(bytes, role, (m) => ({ ...m, dateOrder: order }));
      checkOutcome();
    }
  }
}

describe(`CSV import fuzz (seed ${SEED}, ${cases.length} inputs × 2 roles)`, () => {
  it.skipIf(hasSharedData)(`truncations of real files: ${SKIP_MESSAGE}`, () => {});

  it('the corpus is what the seed says: deterministic and of the planned size', () => {
    const again = createCorpus(SEED, SHARED_DATA);
    expect(again.cases.map((c) => c.id)).toEqual(cases.map((c) => c.id));
    expect(cases.length).toBe(60 + 8 * realCount + 140 + 40);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  for (const c of cases) {
    const run = KNOWN_FAILURES[c.id] ? it.fails : it;
    run(c.id, async () => {
      await checkImport(c.bytes, 'sales');
      await checkImport(c.bytes, 'inventory');
    });
  }
});
