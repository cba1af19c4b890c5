import { describe, expect, it } from 'vitest';
import { createMovingAverageModel, createNaiveModel, createSeasonalNaiveModel } from '../../../../src/lib/forecast/models/naive';

const f = (xs: number[]) => Float64Array.from(xs);
const weekly = { seasonLength: 4 };

describe('naive models', () => {
  it('naive repeats the last observation', () => {
    expect([...createNaiveModel().forecast(f([3, 1, 7]), 3, weekly)]).toEqual([7, 7, 7]);
  });
  it('seasonal naive repeats the last season, cycling past it', () => {
    const y = f([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...createSeasonalNaiveModel().forecast(y, 6, weekly)]).toEqual([5, 6, 7, 8, 5, 6]);
  });
  it('seasonal naive falls back to naive with less than one season of history', () => {
    expect([...createSeasonalNaiveModel().forecast(f([1, 2, 3]), 2, weekly)]).toEqual([3, 3]);
  });
  it('seasonal naive with season length 1 is naive', () => {
    expect([...createSeasonalNaiveModel().forecast(f([1, 2, 3]), 2, { seasonLength: 1 })]).toEqual([3, 3]);
  });
  it('moving average defaults to one season and uses what there is when shorter', () => {
    expect([...createMovingAverageModel().forecast(f([9, 1, 2, 3, 6]), 2, weekly)]).toEqual([3, 3]);
    expect([...createMovingAverageModel({ window: 10 }).forecast(f([2, 4]), 1, weekly)]).toEqual([3]);
  });
  it('moving average ids name the window', () => {
    expect(createMovingAverageModel().id).toBe('ma');
    expect(createMovingAverageModel({ window: 4 }).id).toBe('ma-4');
  });
  it.each([0, 2.5, -1])('createMovingAverageModel({window: %s}) throws naming the value', (window) => {
    expect(() => createMovingAverageModel({ window })).toThrow(new RegExp(`^invalid window: ${window}`));
  });
});
