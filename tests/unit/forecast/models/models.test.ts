import { describe, expect, it } from 'vitest';
import { STAT_MODEL_IDS, createStatModel, defaultStatModels, type StatModelId } from '../../../../src/lib/forecast/models/registry';

describe('model registry', () => {
  it.each(STAT_MODEL_IDS.map((id) => [id]))('createStatModel(%s) builds a model with that id', (id) => {
    const model = createStatModel(id);
    expect(model.id).toBe(id);
    const fc = model.forecast(Float64Array.from({ length: 30 }, (_, t) => 5 + (t % 7)), 3, { seasonLength: 7 });
    expect(fc).toHaveLength(3);
  });
  it('throws naming an unknown id', () => {
    expect(() => createStatModel('prophet' as StatModelId)).toThrow(/^invalid model id: "prophet"/);
  });
  it('the default line-up adds STL + ETS and seasonal naive + smoothed change for seasonal data and the intermittent methods for sparse data', () => {
    expect(defaultStatModels(1).map((m) => m.id)).toEqual(['naive', 'snaive', 'ses', 'ets']);
    expect(defaultStatModels(52, 0.5).map((m) => m.id)).toEqual(['naive', 'snaive', 'ses', 'ets', 'stl-ets', 'sdiff-ses', 'croston-sba', 'tsb']);
  });
});
