import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastAutoEts, selectEts } from '../../../../src/lib/forecast/models/ets';
import { fitWindowStart } from '../../../../src/lib/forecast/models/ets-warm';
import { DAILY_PINNED, dailyScaleSeries } from './daily-series';

/**
 * Automatic ETS on daily series (m = 7, 688-716 days, fitted on a 488-516-day window) as the code at `ref` chose and
 * forecast: a change meant to make it cheaper must leave the chosen form and the forecasts as they were (cold
 * selection, and a warm-started rolling run over the scale bench's three origins). Recorded once from that code
 * (see docs/fast-ets.md, "Daily series"); a change that is meant to alter the choices must re-record it and say so.
 */
interface Pinned {
  ref: string;
  fits: Array<Array<{ origin: number; coldForm: string; coldAicc: number; coldForecast: number[]; warmForecast: number[] }>>;
}

const pinned = JSON.parse(readFileSync(new URL('./ets-daily-before.json', import.meta.url), 'utf8')) as Pinned;
const { series, horizon } = DAILY_PINNED;

const close = (a: ArrayLike<number>, b: number[]): boolean =>
  a.length === b.length && b.every((v, i) => Math.abs(a[i] - v) <= 1e-6 * Math.max(1, Math.abs(v)));

describe(`automatic ETS on daily series keeps the choices and forecasts of ${pinned.ref}`, () => {
  const ys = dailyScaleSeries(series);
  it('pins every series at every origin', () => {
    expect(pinned.fits).toHaveLength(series);
    for (const row of pinned.fits) expect(row.map((r) => r.origin)).toEqual([...DAILY_PINNED.origins]);
  });
  ys.forEach((y, s) => {
    it(`series ${s + 1}: the same form, AICc and forecasts, cold and warm-started`, () => {
      const warm = new Map<string, unknown>();
      for (const ref of pinned.fits[s]) {
        const h = y.subarray(0, ref.origin);
        const fit = selectEts(h.subarray(fitWindowStart(h.length, 7)), 7)!;
        expect(`${fit.spec.error}${fit.spec.trend}${fit.spec.season}`, `origin ${ref.origin}`).toBe(ref.coldForm);
        expect(Math.abs(fit.aicc - ref.coldAicc), `origin ${ref.origin} AICc`).toBeLessThan(1e-6);
        expect(close(forecastAutoEts(h, horizon, 7), ref.coldForecast), `origin ${ref.origin} cold forecast`).toBe(true);
        expect(close(forecastAutoEts(h, horizon, 7, {}, warm), ref.warmForecast), `origin ${ref.origin} warm forecast`).toBe(true);
      }
    });
  });
});
