import { describe, expect, it } from 'vitest';
import { detectLayout, parseCsvBlob, type ParseProblem } from '../../../src/lib/csv/parse';
import { sniffBytes } from '../../../src/lib/csv/sniff';

async function parseAll(text: string | Uint8Array, chunkBytes = 7) {
  const blob = new Blob([text as BlobPart]);
  const head = new Uint8Array(await blob.slice(0, 65536).arrayBuffer());
  const sniff = sniffBytes(head, blob.size <= 65536);
  const layout = detectLayout(new TextDecoder(sniff.encoding).decode(head));
  const rows: string[][] = [];
  const problems: ParseProblem[] = [];
  const meta = await parseCsvBlob(blob, {
    sniff,
    layout,
    chunkBytes,
    onRecords: (r) => rows.push(...r),
    onProblem: (p) => problems.push(p),
  });
  return { rows, problems, meta, sniff };
}

describe('parseCsvBlob', () => {
  it('reassembles records split across tiny chunks, including quoted newlines', async () => {
    const { rows } = await parseAll('a,b\n1,"x\ny"\n2,"q,""r"""\n');
    expect(rows).toEqual([['a', 'b'], ['1', 'x\ny'], ['2', 'q,"r"']]);
  });
  it('handles CR-only line endings (classic Mac, as Walmart stores.csv)', async () => {
    const { rows, meta } = await parseAll('Store,Type,Size\r1,A,151315\r2,A,202307', 5);
    expect(rows).toEqual([['Store', 'Type', 'Size'], ['1', 'A', '151315'], ['2', 'A', '202307']]);
    expect(meta.linebreak).toBe('\r');
  });
  it('strips a UTF-8 BOM so the first header is not "\\uFEFFStore"', async () => {
    const { rows } = await parseAll(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Store,Date\n1,2010-02-05\n')]));
    expect(rows[0][0]).toBe('Store');
  });
  it('decodes a UTF-8 character split across chunk boundaries', async () => {
    const { rows } = await parseAll('name\nCafé crème\n', 3);
    expect(rows[1][0]).toBe('Café crème');
  });
  it('decodes Windows-1252 bytes when the file is not valid UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('name\nCaf'), 0xe9, 0x0a]);
    const { rows, sniff } = await parseAll(bytes);
    expect(sniff.encoding).toBe('windows-1252');
    expect(rows[1][0]).toBe('Café');
  });
  it('detects semicolon and tab delimiters', async () => {
    expect((await parseAll('a;b\n1,5;2\n3;4\n')).rows[1]).toEqual(['1,5', '2']);
    expect((await parseAll('a\tb\n1\t2\n')).rows[1]).toEqual(['1', '2']);
  });
  it('reports an unterminated quote with its record', async () => {
    const { problems } = await parseAll('a,b\n1,2\n3,"oops\n4,5\n');
    expect(problems.some((p) => p.code === 'MissingQuotes')).toBe(true);
  });
  it('keeps ragged records as they are (the builder reports them)', async () => {
    const { rows } = await parseAll('a,b,c\n1,2,3\n4,5\n6,7,8,9\n', 1000);
    expect(rows.map((r) => r.length)).toEqual([3, 3, 2, 4]);
  });
  it('stops after maxRecords for previews', async () => {
    const blob = new Blob(['a\n' + Array.from({ length: 1000 }, (_, i) => String(i)).join('\n')]);
    const rows: string[][] = [];
    const meta = await parseCsvBlob(blob, {
      sniff: sniffBytes(new Uint8Array(0).fill(0)) && { kind: 'text', encoding: 'utf-8', bom: false },
      chunkBytes: 64,
      maxRecords: 10,
      onRecords: (r) => rows.push(...r),
      onProblem: () => {},
    });
    expect(rows.length).toBe(10);
    expect(meta.truncated).toBe(true);
  });
  it('rejects with an AbortError when cancelled', async () => {
    const blob = new Blob(['a\n' + '1\n'.repeat(100_000)]);
    const controller = new AbortController();
    const p = parseCsvBlob(blob, {
      sniff: { kind: 'text', encoding: 'utf-8', bom: false },
      chunkBytes: 1000,
      onRecords: () => controller.abort(),
      onProblem: () => {},
      signal: controller.signal,
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/** The start of a ZIP whose first entry is `name` (a local file header: name length at 26, name at 30). */
function zipEntry(name: string): number[] {
  const head = [0x50, 0x4b, 0x03, 0x04, ...new Array(22).fill(0), name.length, 0, 0, 0];
  return [...head, ...Array.from(name, (c) => c.charCodeAt(0))];
}

describe('sniffBytes', () => {
  it.each([
    [[0x50, 0x4b, 0x03, 0x04, 1, 2], 'xlsx'],
    [zipEntry('[Content_Types].xml'), 'xlsx'],
    [zipEntry('xl/workbook.xml'), 'xlsx'],
    [zipEntry('sales.csv'), 'zip'],
    [[0x1f, 0x8b, 8, 0], 'gzip'],
    [[0x25, 0x50, 0x44, 0x46], 'pdf'],
    [[0x89, 0x50, 0x4e, 0x47], 'image'],
    [[0x41, 0x00, 0x42], 'binary'],
    [[], 'empty'],
    [[0x61, 0x2c, 0x62], 'text'],
  ])('%j is %s', (bytes, kind) => {
    expect(sniffBytes(new Uint8Array(bytes)).kind).toBe(kind);
  });
});
