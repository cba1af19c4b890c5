/**
 * A seeded corpus of hostile CSV inputs for the import: random bytes, truncations of the real public files,
 * cell mutations of well-formed files, and mixed encodings. The same seed always gives the same cases, so a
 * failing case can be named by its id and replayed alone.
 */
import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRng, type Rng } from '../../../src/lib/core/rng';

/** One fuzz input. */
export interface FuzzCase {
  /** Stable id: category, number and what was done, e.g. "mutate-012 swap-columns(1,3) of walmart". */
  id: string;
  /** The file's bytes. */
  bytes: Uint8Array;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.int(list.length)];
const pad = (i: number) => String(i).padStart(3, '0');

/** Small well-formed files in the shapes users drop (sales and inventory), to mutate. */
export const SEED_FILES: Record<string, string> = {
  walmart: 'Store,Dept,Date,Weekly_Sales,IsHoliday\n1,1,2010-02-05,24924.5,FALSE\n1,1,2010-02-12,46039.49,TRUE\n1,1,2010-02-19,41595.55,FALSE\n1,2,2010-02-05,50605.27,FALSE\n1,2,2010-02-12,44682.74,TRUE\n1,2,2010-02-19,47928.89,FALSE\n',
  long: 'unique_id,ds,y\nA,2024-01-01,3\nA,2024-01-02,5\nA,2024-01-03,0\nB,2024-01-01,7\nB,2024-01-02,\nB,2024-01-03,2\n',
  storeItem: 'date,store,item,sales\n2013-01-01,1,1,13\n2013-01-02,1,1,11\n2013-01-03,1,1,14\n2013-01-01,1,2,33\n2013-01-02,1,2,43\n2013-01-03,1,2,23\n',
  dmySemicolon: 'Store;Date;Weekly_Sales\n1;05/02/2010;1.643.690,90\n1;12/02/2010;1.641.957,44\n1;19/02/2010;1.611.968,17\n2;05/02/2010;2.136.989,46\n',
  quoted: 'item,"date","qty","note"\n"A, large",2024-03-01,4,"said ""hi"""\n"A, large",2024-03-02,5,"two\nlines"\nB,2024-03-01,1,\nB,2024-03-02,2,x\n',
  inventory: 'sku,store,on_hand,on_order,lead_time_days,unit_cost,moq\nA,S1,10,0,7,2.5,1\nB,S1,4,12,14,1.25,6\nC,S2,-3,0,,9.99,1\n',
  tabs: 'Store\tDate\tSales\n1\t2024-01-05\t10\n1\t2024-01-12\t11\n2\t2024-01-05\t20\n',
};

/** Real files under `root` (recursively), as [relative name, path]. */
export function realFiles(root: string): Array<[string, string]> {
  if (!existsSync(root)) return [];
  const out: Array<[string, string]> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.csv$/i.test(name)) out.push([relative(root, path), path]);
    }
  };
  walk(root);
  return out;
}

/** The first `maxBytes` bytes of a file (the big ones are not read whole). */
export function readHead(path: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(Math.min(maxBytes, statSync(path).size));
    readSync(fd, buffer, 0, buffer.length, 0);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** Random bytes: pure noise, noise after a plausible header, and bytes biased to delimiters and quotes. */
export function randomByteCases(rng: Rng, count: number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const alphabet = utf8(',;\t|"\'\r\n 0123456789.-/abcXYZ');
  for (let i = 0; i < count; i++) {
    const length = rng.int(4) === 0 ? rng.int(8) : rng.int(3000);
    const style = pick(rng, ['noise', 'header+noise', 'csv-alphabet'] as const);
    const body = Uint8Array.from({ length }, () => (style === 'csv-alphabet' ? alphabet[rng.int(alphabet.length)] : rng.int(256)));
    cases.push({ id: `random-${pad(i)} ${style} ${length}B`, bytes: style === 'header+noise' ? concat(utf8('Store,Date,Weekly_Sales\n'), body) : body });
  }
  return cases;
}

/**
 * Truncations of the real files at random offsets: cut anywhere in files under `wholeBytes`, and within the
 * first `headBytes` of bigger ones (a cut deep inside a 12 MB file tests the same code as one near its start,
 * at a hundred times the cost).
 */
export function truncationCases(rng: Rng, files: Array<[string, string]>, perFile: number, { headBytes = 96 * 1024, wholeBytes = 400 * 1024 } = {}): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const [name, path] of files) {
    const size = statSync(path).size;
    const head = readHead(path, size <= wholeBytes ? size : headBytes);
    for (let i = 0; i < perFile; i++) {
      // Cuts near the start (inside the header, the first rows) are the interesting ones: weight them.
      const offset = i === 0 ? rng.int(Math.min(80, head.length)) : rng.int(2) ? rng.int(Math.min(2048, head.length)) : rng.int(head.length);
      cases.push({ id: `truncate-${pad(cases.length)} ${name} at ${offset}`, bytes: head.slice(0, offset) });
    }
  }
  return cases;
}

type Mutation = (lines: string[], delimiter: string, rng: Rng) => string;

const atCell = (rng: Rng, lines: string[]) => {
  const row = rng.int(lines.length);
  return { row, pos: rng.int(lines[row].length + 1) };
};
const edit = (lines: string[], row: number, text: string) => {
  lines[row] = text;
  return '';
};
const INSERTS = ['"', '""', '\r', '\n', '\r\n', ',', ';', '\t', '|', 'NA', '-', '1e309', 'NaN', '٣', '😀', '\u0000', '\ufeff', '<b>x</b>', '=cmd|"/c calc"!A1', ' ', '9'.repeat(400), '31/02/2020', '2020-13-45'];

/** Cell mutations, each returning its label (the lines are edited in place). */
const MUTATIONS: Record<string, Mutation> = {
  'delete-delimiter': (lines, d, rng) => {
    const { row } = atCell(rng, lines);
    const i = lines[row].indexOf(d, rng.int(lines[row].length + 1));
    return i < 0 ? '' : edit(lines, row, lines[row].slice(0, i) + lines[row].slice(i + 1));
  },
  'duplicate-delimiter': (lines, d, rng) => {
    const { row, pos } = atCell(rng, lines);
    return edit(lines, row, lines[row].slice(0, pos) + d + d + lines[row].slice(pos));
  },
  'insert-quote': (lines, _d, rng) => {
    const { row, pos } = atCell(rng, lines);
    return edit(lines, row, `${lines[row].slice(0, pos)}"${lines[row].slice(pos)}`);
  },
  'delete-quote': (lines, _d, rng) => {
    const { row } = atCell(rng, lines);
    const i = lines[row].indexOf('"');
    return i < 0 ? '' : edit(lines, row, lines[row].slice(0, i) + lines[row].slice(i + 1));
  },
  'insert-text': (lines, _d, rng) => {
    const { row, pos } = atCell(rng, lines);
    return edit(lines, row, lines[row].slice(0, pos) + pick(rng, INSERTS) + lines[row].slice(pos));
  },
  'swap-columns': (lines, d, rng) => {
    const width = lines[0].split(d).length;
    const [a, b] = [rng.int(width), rng.int(width)];
    const headerOnly = rng.int(2) === 0;
    for (let r = 0; r < (headerOnly ? 1 : lines.length); r++) {
      const cells = lines[r].split(d);
      if (a < cells.length && b < cells.length) [cells[a], cells[b]] = [cells[b], cells[a]];
      lines[r] = cells.join(d);
    }
    return `(${a},${b}${headerOnly ? ',header' : ''})`;
  },
  'drop-line': (lines, _d, rng) => {
    if (lines.length > 1) lines.splice(rng.int(lines.length), 1);
    return '';
  },
  'duplicate-line': (lines, _d, rng) => {
    const row = rng.int(lines.length);
    lines.splice(row, 0, lines[row]);
    return '';
  },
  'blank-cell': (lines, d, rng) => {
    const { row } = atCell(rng, lines);
    const cells = lines[row].split(d);
    cells[rng.int(cells.length)] = '';
    return edit(lines, row, cells.join(d));
  },
};

/** Well-formed files (the seeds, and the heads of the real files) with 1 to 4 random cell mutations each. */
export function mutationCases(rng: Rng, count: number, realHeads: Record<string, string>): FuzzCase[] {
  const sources = { ...SEED_FILES, ...realHeads };
  const names = Object.keys(sources);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const name = names[i % names.length];
    const text = sources[name];
    const delimiter = text.includes('\t') ? '\t' : text.split('\n')[0].includes(';') ? ';' : ',';
    const eol = text.includes('\r\n') ? '\r\n' : text.includes('\n') ? '\n' : '\r';
    const lines = text.replace(/[\r\n]+$/, '').split(eol);
    const applied: string[] = [];
    for (let m = 1 + rng.int(4); m > 0; m--) {
      const kind = pick(rng, Object.keys(MUTATIONS));
      applied.push(kind + MUTATIONS[kind](lines, delimiter, rng));
    }
    cases.push({ id: `mutate-${pad(i)} ${applied.join('+')} of ${name}`, bytes: utf8(lines.join(eol) + eol) });
  }
  return cases;
}

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let o = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, !bigEndian);
    o = 2;
  }
  for (let i = 0; i < text.length; i++, o += 2) view.setUint16(o, text.charCodeAt(i), !bigEndian);
  return out;
}

/** Mixed and unexpected encodings of the seed files. */
export function encodingCases(rng: Rng, count: number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const names = Object.keys(SEED_FILES);
  const kinds = ['latin1-in-utf8', 'utf16le-bom', 'utf16be-bom', 'utf16le-no-bom', 'utf8-bom', 'double-bom', 'cp1252-quotes', 'nul-bytes', 'broken-utf8-tail', 'latin1-header'] as const;
  for (let i = 0; i < count; i++) {
    const name = names[i % names.length];
    const kind = kinds[i % kinds.length];
    let text = SEED_FILES[name];
    if (rng.int(2)) text = text.replace(/1,/, 'Café Zürich,').replace(/A,/, 'Ørsted Ä,');
    const bytes = utf8(text);
    const at = 1 + rng.int(Math.max(1, bytes.length - 1));
    let out: Uint8Array;
    switch (kind) {
      case 'latin1-in-utf8':
        out = concat(bytes.slice(0, at), new Uint8Array([0xe9, 0x2c, 0xfc, 0xa3]), bytes.slice(at));
        break;
      case 'utf16le-bom':
        out = utf16(text, false, true);
        break;
      case 'utf16be-bom':
        out = utf16(text, true, true);
        break;
      case 'utf16le-no-bom':
        out = utf16(text, false, false);
        break;
      case 'utf8-bom':
        out = concat(new Uint8Array([0xef, 0xbb, 0xbf]), bytes);
        break;
      case 'double-bom':
        out = concat(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), bytes);
        break;
      case 'cp1252-quotes':
        out = concat(bytes.slice(0, at), new Uint8Array([0x93, 0x41, 0x94, 0x80]), bytes.slice(at));
        break;
      case 'nul-bytes':
        out = concat(bytes.slice(0, at), new Uint8Array([0, 0, 0]), bytes.slice(at));
        break;
      case 'broken-utf8-tail':
        out = concat(bytes, new Uint8Array([0xe2, 0x82]));
        break;
      case 'latin1-header':
        out = Uint8Array.from(text.replace(/^[^,;\t]+/, 'Magasin_n°'), (c) => c.charCodeAt(0) & 0xff);
        break;
    }
    cases.push({ id: `encoding-${pad(i)} ${kind} of ${name}`, bytes: out });
  }
  return cases;
}

/** The whole corpus for one seed. */
export function createCorpus(seed: number, realRoot: string): { cases: FuzzCase[]; realCount: number } {
  const rng = createRng(seed);
  const files = realFiles(realRoot);
  const heads: Record<string, string> = {};
  for (const [name, path] of files) {
    heads[`real:${name}`] = new TextDecoder().decode(readHead(path, 4096)).split(/\r\n|\n|\r/).slice(0, 25).join('\n') + '\n';
  }
  const cases = [
    ...randomByteCases(rng, 60),
    ...truncationCases(rng, files, 8),
    ...mutationCases(rng, 140, heads),
    ...encodingCases(rng, 40),
  ];
  return { cases, realCount: files.length };
}
