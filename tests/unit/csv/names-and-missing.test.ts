import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { withoutBidiControls } from '../../../src/lib/core/text';
import type { Progress } from '../../../src/lib/core/progress';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { listDatasets } from '../../../src/persistence/datasets';
import { createIngestHandlers } from '../../../src/workers/ingest-service';
import { importText } from './helpers';

const ctx = () => ({ signal: new AbortController().signal, onProgress: (_: Progress) => undefined });
const rows = (cell: string) => ['date,item,units', ...Array.from({ length: 20 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},A,${i === 5 ? cell : i}`)].join('\n');

describe('names show as their characters run (#17.10)', () => {
  it('withoutBidiControls removes overrides, embeddings, isolates and marks, and nothing else', () => {
    expect(withoutBidiControls('\u202egnp.exe')).toBe('gnp.exe');
    expect(withoutBidiControls('a\u2066b\u2069c\u200f\u061c')).toBe('abc');
    expect(withoutBidiControls('متجر 1 – ventes.csv')).toBe('متجر 1 – ventes.csv');
  });

  it('a file named with a right-to-left override is stored under its plain name (not "exe.png" on screen)', async () => {
    const db = await openWorkspaceDb('bidi-names');
    const h = createIngestHandlers(() => Promise.resolve(db));
    const file = new Blob([rows('1')]);
    const name = '\u202egnp.exe.csv';
    const [inspected] = await h.inspect({ files: [{ file, name, signature: 's' }], role: 'sales' }, ctx());
    const staged = await h.import({ role: 'sales', files: [{ file, name, signature: 's', inspection: inspected.inspection, mapping: inspected.inspection.mapping! }], targetDatasetId: null, duplicates: 'sum' }, ctx());
    if (staged.kind !== 'staged') throw new Error(staged.kind);
    await h.commit({ stagingId: staged.stagingId, name: staged.preview.name, choices: { missingPeriods: 'leave', negativeValues: 'keep' } }, ctx());
    const [d] = await listDatasets(db);
    expect(d.name).toBe('gnp.exe');
    expect(d.sourceFiles).toEqual(['gnp.exe.csv']);
  });
});

describe('a missing-value token is not called empty (#17.10)', () => {
  it('"NaN" is reported as the missing value it holds; a blank cell as empty', async () => {
    const nan = await importText(rows('NaN'));
    expect(nan.report.issues.find((i) => i.code === 'missing-value')?.message).toMatch(/holds "NaN", a missing value/);
    const blank = await importText(rows(''));
    expect(blank.report.issues.find((i) => i.code === 'missing-value')?.message).toMatch(/is empty/);
  });
});
