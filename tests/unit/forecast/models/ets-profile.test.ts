import { describe, expect, it } from 'vitest';
import { etsLoss, type EtsSpec } from '../../../../src/lib/forecast/models/ets-core';
import { createAdditiveProfile } from '../../../../src/lib/forecast/models/ets-profile';
import { heuristicStates } from '../../../../src/lib/forecast/models/ets-init';
import { readGolden } from '../golden';

const airline = Float64Array.from(readGolden<{ series: { airline: number[] } }>('ets.json').series.airline);

/** etsLoss at the states the profile returns: the profile's loss must equal it (its states are its argmin). */
function lossAtStates(y: Float64Array, spec: EtsSpec, smooth: [number, number, number, number], fixed: Float64Array | null) {
  const profile = createAdditiveProfile(y, spec, fixed);
  const value = profile.loss(...smooth);
  const states = profile.states();
  const [alpha, beta, gamma, phi] = smooth;
  const season = Float64Array.from(states.season0);
  const direct = etsLoss(y, spec, { alpha, beta, gamma, phi, ...states }, season, new Float64Array(2), null);
  return { value, direct, states, profile };
}

describe('createAdditiveProfile', () => {
  const cases: Array<[string, EtsSpec, [number, number, number, number]]> = [
    ['A,N,A m=12', { error: 'A', trend: 'N', season: 'A', seasonLength: 12 }, [0.3, 0, 0.1, 1]],
    ['A,A,A m=12', { error: 'A', trend: 'A', season: 'A', seasonLength: 12 }, [0.5, 0.05, 0.2, 1]],
    ['A,Ad,A m=7', { error: 'A', trend: 'Ad', season: 'A', seasonLength: 7 }, [0.2, 0.02, 0.3, 0.9]],
    ['A,A,N', { error: 'A', trend: 'A', season: 'N', seasonLength: 1 }, [0.6, 0.1, 0, 1]],
  ];
  it.each(cases)('%s: the profiled loss is etsLoss at the returned initial states', (_, spec, smooth) => {
    const { value, direct } = lossAtStates(airline, spec, smooth, null);
    expect(value).toBeCloseTo(direct, 6);
  });

  it('no other initial states do better (the states are the least-squares optimum)', () => {
    const spec: EtsSpec = { error: 'A', trend: 'A', season: 'A', seasonLength: 12 };
    const smooth: [number, number, number, number] = [0.4, 0.04, 0.3, 1];
    const { value, states } = lossAtStates(airline, spec, smooth, null);
    const [alpha, beta, gamma, phi] = smooth;
    for (let i = 0; i < 20; i++) {
      const season0 = Float64Array.from(states.season0);
      const j = i % 11;
      season0[j] += 0.5;
      season0[11] -= 0.5; // keep the sum at 0
      const p = { alpha, beta, gamma, phi, level0: states.level0 + (i % 3) - 1, trend0: states.trend0, season0 };
      expect(etsLoss(airline, spec, p, Float64Array.from(season0), new Float64Array(2), null)).toBeGreaterThan(value);
    }
  });

  it('keeps fixed season states and estimates only level and trend for long seasons', () => {
    const spec: EtsSpec = { error: 'A', trend: 'A', season: 'A', seasonLength: 12 };
    const fixed = heuristicStates(airline, spec).season0;
    const { value, direct, states } = lossAtStates(airline, spec, [0.3, 0.03, 0.1, 1], fixed);
    expect([...states.season0]).toEqual([...fixed]);
    expect(value).toBeCloseTo(direct, 6);
  });
});
