/** The statistics worker's handlers: decode a part, run it with lib/forecast/run, return the typed arrays. */
import { invalidOption } from '../lib/core/errors';
import type { BacktestSeries } from '../lib/forecast/evaluate/types';
import { runStatBacktest, type StatBacktestRequest } from '../lib/forecast/run/partition';
import type { Handlers } from './rpc';
import type { StatApi, StatBacktestWire, StatForecastWire } from './stat-protocol';
import { runStatForecast, type StatForecastRequest } from '../lib/forecast/run/forecast-parallel';

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

/** Packs a forecast request for the wire (histories copied once into one array, then transferred). */
export function toForecastWire(request: StatForecastRequest): StatForecastWire {
  const { histories, ...rest } = request;
  const offsets = new Int32Array(histories.length + 1);
  for (let i = 0; i < histories.length; i++) offsets[i + 1] = offsets[i] + histories[i].length;
  const values = new Float64Array(offsets[histories.length]);
  histories.forEach((h, i) => values.set(h, offsets[i]));
  return { ...rest, offsets, values };
}

/** Unpacks a forecast wire request. Throws `invalid …` for a malformed one. */
export function fromForecastWire(wire: StatForecastWire): StatForecastRequest {
  const { offsets, values, ...rest } = wire;
  if (!(offsets instanceof Int32Array) || !(values instanceof Float64Array) || !(wire.need instanceof Uint8Array) || offsets[offsets.length - 1] !== values.length) {
    invalidOption('forecast part', typeof wire, 'offsets, values and need arrays that agree');
  }
  if (wire.need.length !== (offsets.length - 1) * wire.modelIds.length) invalidOption('forecast part need', wire.need.length, 'series × models flags');
  return { ...rest, histories: Array.from({ length: offsets.length - 1 }, (_, i) => values.subarray(offsets[i], offsets[i + 1])) };
}

/** Creates the statistics worker's handlers. */
export function createStatHandlers(): Handlers<StatApi> {
  return {
    async backtest(wire, { signal, onProgress }) {
      return runStatBacktest(fromStatWire(wire), { signal, onProgress });
    },
    async forecast(wire, { signal, onProgress }) {
      return runStatForecast(fromForecastWire(wire), { signal, onProgress });
    },
  };
}
