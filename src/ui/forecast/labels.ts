/** People's names for model ids (issue #14: internal ids such as `stl-ets` never reach the screen). */
import type { StatModelId } from '../../lib/forecast/models/registry';

/** Label of each built-in statistical model. */
export const STAT_LABELS: Record<StatModelId, string> = {
  naive: 'Naive (last value)',
  snaive: 'Seasonal naive',
  ma: 'Moving average',
  ses: 'Simple exponential smoothing',
  ets: 'ETS (automatic, by AICc)',
  'ets-nonseasonal': 'ETS without seasonality',
  'hw-add': 'Holt-Winters additive',
  'hw-mul': 'Holt-Winters multiplicative',
  'hw-add-damped': 'Holt-Winters damped',
  'stl-ets': 'STL + ETS (as stlf)',
  'sdiff-ses': 'Seasonal naive + smoothed change',
  croston: 'Croston',
  'croston-sba': 'Croston SBA',
  tsb: 'TSB',
};

const OTHER: Record<string, string> = { ensemble: 'Ensemble', lstm: 'LSTM' };

/** The label of a model id; an unknown id (a model imported from elsewhere) is shown as it is. */
export function modelLabel(id: string): string {
  return (STAT_LABELS as Record<string, string>)[id] ?? OTHER[id] ?? id;
}
