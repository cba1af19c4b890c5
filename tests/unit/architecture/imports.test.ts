/**
 * The folder is the realm (../shared/STYLE.md A1): checks the import graph of src/ as written, type-only
 * imports included, so a cycle or a TF.js import outside lib/lstm fails here rather than in a review.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC, walk } from './source-files';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import specifier of a file (static, re-export and dynamic). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) out.push((m[1] ?? m[2]).split('?')[0]);
  return out;
}

function resolveLocal(from: string, spec: string, files: Set<string>): string | null {
  if (!spec.startsWith('.')) return null;
  const base = normalize(join(dirname(from), spec));
  for (const ext of ['', '.ts', '.svelte.ts', '.svelte', '/index.ts']) if (files.has(base + ext)) return base + ext;
  return null;
}

const files = walk(SRC);
const fileSet = new Set(files);
const graph = new Map<string, string[]>();
const external = new Map<string, string[]>();
for (const f of files) {
  const specs = specifiers(f);
  graph.set(f, specs.map((s) => resolveLocal(f, s, fileSet)).filter((x): x is string => x !== null));
  external.set(f, specs.filter((s) => !s.startsWith('.')));
}
const rel = (f: string) => relative(SRC, f);

/** The cycles of the graph, each as the files on it (Tarjan's strongly connected components of size > 1). */
function cycles(): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(rel(w));
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return out;
}

describe('the import graph of src/', () => {
  it('has no import cycle, type-only imports included', () => {
    expect(cycles()).toEqual([]);
  });

  it('imports TF.js only from src/lib/lstm', () => {
    const offenders = files.filter((f) => !rel(f).startsWith('lib/lstm/') && external.get(f)!.some((s) => s.startsWith('@tensorflow/')));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('keeps src/lib free of workers, persistence and UI', () => {
    const offenders: string[] = [];
    for (const f of files.filter((f) => rel(f).startsWith('lib/'))) {
      for (const t of graph.get(f)!) if (!rel(t).startsWith('lib/')) offenders.push(`${rel(f)} -> ${rel(t)}`);
      for (const s of external.get(f)!) if (/^(svelte|idb)/.test(s)) offenders.push(`${rel(f)} -> ${s}`);
    }
    expect(offenders).toEqual([]);
  });

  it('keeps src/lib outside lib/lstm from importing lib/lstm', () => {
    const offenders: string[] = [];
    for (const f of files.filter((f) => rel(f).startsWith('lib/') && !rel(f).startsWith('lib/lstm/'))) {
      for (const t of graph.get(f)!) if (rel(t).startsWith('lib/lstm/')) offenders.push(`${rel(f)} -> ${rel(t)}`);
    }
    expect(offenders).toEqual([]);
  });

  it('lets views reach IndexedDB only through their state classes (type imports aside)', () => {
    const offenders: string[] = [];
    for (const f of files.filter((f) => rel(f).startsWith('ui/') && !rel(f).startsWith('ui/state/'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^\s*import\s+(?!type\b)[^'"]*from\s*['"]([^'"]*persistence\/[^'"]*)['"]/gm)) offenders.push(`${rel(f)} -> ${m[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('finds the files it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get(join(SRC, 'lib/lstm/lstm.ts'))!.length).toBeGreaterThan(0);
  });
});
