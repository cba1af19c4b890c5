/**
 * Records the ETS fits of the implementation at a git commit (default 66e8dd5, the code before the #13 speed-up)
 * on the golden series, so tests can show the faster code reaches the same fits:
 *   node -e "import('vite').then(v => v.runnerImport('./scripts/golden/ets-fits-reference.ts'))" -- [--ref 66e8dd5]
 * writes tests/fixtures/golden/forecast/ets-fits-before.json: for AirPassengers (m = 12) and Nile (m = 1), every
 * candidate form's −2logL, AICc and smoothing parameters, and the form `selectEts` chose.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const argv = process.argv;
const ref = argv.includes('--ref') ? argv[argv.indexOf('--ref') + 1] : '66e8dd5';
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'ets-ref-'));
execSync(`git archive ${ref} src/lib | tar -x -C ${dir}`, { cwd: root });
const ets = await import(/* @vite-ignore */ join(dir, 'src/lib/forecast/models/ets.ts'));
const fit = await import(/* @vite-ignore */ join(dir, 'src/lib/forecast/models/ets-fit.ts'));
const golden = JSON.parse(readFileSync(resolve(root, 'tests/fixtures/golden/forecast/ets.json'), 'utf8'));
const out: Record<string, unknown> = { ref, series: {} };
for (const [name, m] of [['airline', 12], ['nile', 1]] as const) {
  const y = Float64Array.from(golden.series[name] as number[]);
  const candidates = ets.etsCandidates(y, m).map((spec: { error: string; trend: string; season: string }) => {
    const f = fit.fitEts(y, spec);
    const { alpha, beta, gamma, phi } = f.params;
    return { form: `${spec.error}${spec.trend}${spec.season}`, neg2LogLik: f.neg2LogLik, aicc: f.aicc, alpha, beta, gamma, phi };
  });
  const chosen = ets.selectEts(y, m);
  (out.series as Record<string, unknown>)[name] = {
    seasonLength: m,
    chosen: `${chosen.spec.error}${chosen.spec.trend}${chosen.spec.season}`,
    chosenAicc: chosen.aicc,
    candidates,
  };
}
writeFileSync(resolve(root, 'tests/fixtures/golden/forecast/ets-fits-before.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log('wrote tests/fixtures/golden/forecast/ets-fits-before.json');
