/** The statistics worker's handlers: decode a part, run it with lib/forecast/run, return the typed arrays. */
import { invalidOption } from '../lib/core/errors';
import type { BacktestSeries } from '../lib/forecast/evaluate/types';
import { runStatBacktest, type StatBacktestRequest } from '../lib/forecast/run/partition';
import type { Handlers } from './rpc';
import type { StatApi, StatBacktestWire } from './stat-protocol';

/** Packs a request for the wire: one Float64Array for all values (copied once, then transferred). */
export function toStatWire(request: StatBacktestRequest): StatBacktestWire {
  const { series, ...rest } = request;
  const offsets = new Int32Array(series.length + 1);
  for (let i = 0; i < series.length; i++) offsets[i + 1] = offsets[i] + series[i].values.length;
  const values = new Float64Array(offsets[series.length]);
  series.forEach((s, i) => values.set(s.values, offsets[i]));
  return { ...rest, ids: series.map((s) => s.id), starts: Int32Array.from(series, (s) => s.start ?? 0), offsets, values };
}

/** Unpacks a wire request (views into its values array, no copy). Throws `invalid …` for a malformed one. */
export function fromStatWire(wire: StatBacktestWire): StatBacktestRequest {
  const { ids, starts, offsets, values, ...rest } = wire;
  if (!Array.isArray(ids) || !(starts instanceof Int32Array) || !(offsets instanceof Int32Array) || !(values instanceof Float64Array)) {
    invalidOption('backtest part', typeof wire, 'ids, starts, offsets and values arrays');
  }
  if (offsets.length !== ids.length + 1 || starts.length !== ids.length || offsets[ids.length] !== values.length) {
    invalidOption('backtest part offsets', offsets.length, `${ids.length + 1} offsets ending at ${values.length}`);
  }
  const series: BacktestSeries[] = ids.map((id, i) => ({ id, start: starts[i], values: values.subarray(offsets[i], offsets[i + 1]) }));
  return { ...rest, series };
}

/** Creates the statistics worker's handlers. */
export function createStatHandlers(): Handlers<StatApi> {
  return {
    async backtest(wire, { signal, onProgress }) {
      return runStatBacktest(fromStatWire(wire), { signal, onProgress });
    },
  };
}
