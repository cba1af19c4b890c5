import { createSyntheticReorderInput } from './bench';
import { runReorder } from './engine';
import { explainRow } from './explain';
import { buildInsights } from './insights';

/**
 * Runs the engine, a few explanations and the insights once on a small synthetic snapshot, so that the JIT has
 * seen and optimized the per-row code before the user's first run. V8 optimizes a function only after it has run
 * for a while, and the first 30 000-item run otherwise pays for that (about four times the warm run in
 * `npm run bench`). Call it when the reorder worker starts, off the critical path; the result is discarded.
 * @param items synthetic rows (integer ≥ 1). Default 3 000.
 */
export function warmUpReorder(items = 3000): void {
  const input = createSyntheticReorderInput({ items, seed: 7 });
  for (let k = 0; k < 2; k++) {
    const result = runReorder(input);
    for (let i = 0; i < Math.min(result.count, 200); i++) explainRow(result, i);
    if (k === 0) buildInsights({ result, items: input.items, forecasts: input.forecasts });
  }
}
