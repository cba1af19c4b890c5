/**
 * What issue #16 settled about where code lives, checked on the source as written (../shared/STYLE.md A3 and
 * "Lessons"): worker services stay thin adapters, domain types live in lib, and each of the rules that used
 * to exist twice (an id generator, the CSV writer's quoting, the golden-section search, the moment-fit
 * threshold, the renewal recursion) has one home that the other callers import.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC, walk } from './source-files';

const files = walk(SRC).map((f) => ({ path: relative(SRC, f).replaceAll('\\', '/'), text: readFileSync(f, 'utf8') }));
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Files that hold `pattern` outside `home`. */
function elsewhere(pattern: RegExp, home: string): string[] {
  return files.filter((f) => f.path !== home && pattern.test(f.text)).map((f) => f.path);
}

describe('workers are thin adapters (STYLE A3)', () => {
  it('every worker service is under 200 lines', () => {
    const services = files.filter((f) => /^workers\/[^/]+-service\.ts$/.test(f.path));
    expect(services.length).toBeGreaterThanOrEqual(4);
    const long = services.filter((f) => lineCount(f.text) >= 200).map((f) => `${f.path}: ${lineCount(f.text)} lines`);
    expect(long).toEqual([]);
  });

  it('every worker entry only serves its handlers (under 20 lines)', () => {
    const entries = files.filter((f) => /^workers\/[^/]+\.worker\.ts$/.test(f.path));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(entries.filter((f) => lineCount(f.text) >= 20 || !/serveWorker[<(]/.test(f.text)).map((f) => f.path)).toEqual([]);
  });
});

describe('domain types live in lib', () => {
  it('persistence imports nothing from workers', () => {
    const offenders = files.filter((f) => f.path.startsWith('persistence/') && /from\s+['"]\.\.\/workers\//.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('simulate-protocol.ts declares only its API map; Scenario, CostSurface and the rest come from lib/sim/scenario', () => {
    const text = files.find((f) => f.path === 'workers/simulate-protocol.ts')!.text;
    const declared = [...text.matchAll(/^export\s+(?:type|interface|const|function|class)\s+(\w+)/gm)].map((m) => m[1]);
    expect(declared).toEqual(['SimulateApi']);
    const fromProtocol = files.filter((f) => /import type \{[^}]*\b(Scenario|CostSurface|DemandSource|DemandInfo)\b[^}]*\} from ['"][./]*(?:workers\/)?simulate-protocol['"]/.test(f.text));
    expect(fromProtocol.map((f) => f.path)).toEqual([]);
  });
});

describe('one rule, one place', () => {
  it('random ids come from lib/core/id.ts only', () => {
    expect(elsewhere(/crypto\.randomUUID|randomUUID\?\.\(/, 'lib/core/id.ts')).toEqual([]);
  });

  it('CSV quoting and the formula-injection guard are written in lib/export/csv.ts only', () => {
    expect(elsewhere(/replace(?:All)?\(\s*\/?["']?"["']?\/?g?\s*,\s*['"]""['"]\s*\)|FORMULA_START|\[=\+\\-@/, 'lib/export/csv.ts')).toEqual([]);
  });

  it('the golden-section search lives in lib/core/optimize.ts only', () => {
    expect(elsewhere(/Math\.sqrt\(5\)|0\.618033/, 'lib/core/optimize.ts')).toEqual([]);
  });

  it('the moment-fit threshold (negative binomial above 1.1 × mean) lives in lib/policy/discrete.ts only', () => {
    expect(elsewhere(/1\.1\s*\*\s*mean/, 'lib/policy/discrete.ts')).toEqual([]);
  });

  it('the renewal recursion m(j) = Σ p_l m(j − l) / (1 − p₀) lives in lib/policy/ss-exact.ts only', () => {
    expect(elsewhere(/pmf\[l\]\s*\*\s*m\[j\s*-\s*l\]/, 'lib/policy/ss-exact.ts')).toEqual([]);
  });
});
