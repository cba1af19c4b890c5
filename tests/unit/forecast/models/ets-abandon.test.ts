import { describe, expect, it } from 'vitest';
import { ABANDON_AFTER, fitEts } from '../../../../src/lib/forecast/models/ets-fit';
import type { EtsSpec } from '../../../../src/lib/forecast/models/ets-core';
import { dailyScaleSeries } from './daily-series';

describe('fitEts abandons a search from scratch that cannot reach the AICc it is given', () => {
  // The first strictly positive series (multiplicative forms need one).
  const y = dailyScaleSeries(12).find((v) => v.every((x) => x > 0))!.subarray(200, 688);
  const spec: EtsSpec = { error: 'M', trend: 'A', season: 'M', seasonLength: 7 };
  const full = fitEts(y, spec);

  it('stops after ABANDON_AFTER evaluations at the best point seen, an upper bound of the full fit', () => {
    expect(full.evaluations).toBeGreaterThan(ABANDON_AFTER);
    const cut = fitEts(y, spec, { abandonAiccAbove: full.aicc - 1000 });
    expect(cut.abandoned).toBe(true);
    expect(cut.evaluations).toBe(ABANDON_AFTER);
    expect(Number.isFinite(cut.aicc)).toBe(true);
    expect(cut.aicc).toBeGreaterThanOrEqual(full.aicc);
  });

  it('a search that is within reach runs exactly as without the option', () => {
    const kept = fitEts(y, spec, { abandonAiccAbove: full.aicc + 1000 });
    expect(kept.abandoned).toBeUndefined();
    expect(kept.aicc).toBe(full.aicc);
    expect(kept.evaluations).toBe(full.evaluations);
  });

  it('a polish from a start is never abandoned', () => {
    const polish = fitEts(y, spec, { start: full.params, previous: true, abandonAiccAbove: full.aicc - 1000 });
    expect(polish.abandoned).toBeUndefined();
  });
});
