/**
 * Daily sales series from the scale bench's generator (scripts/bench-scale.mjs, seed 13): a log-normal level, a
 * weekday profile times a yearly cycle of random phase and depth, a slow trend, count-like noise, rounded and
 * clipped at 0. The same numbers on every machine (mulberry32), so fits on them can be pinned.
 */
export function dailyScaleSeries(count: number, periods = 730): Float64Array[] {
  let a = 13;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const weekday = [0.8, 0.9, 0.95, 1, 1.1, 1.3, 0.95];
  const out: Float64Array[] = [];
  for (let s = 0; s < count; s++) {
    const level = 20 * Math.exp(normal());
    const depth = 0.4 * random();
    const phase = 2 * Math.PI * random();
    const trend = 0.3 * (random() - 0.5);
    const y = new Float64Array(periods);
    for (let t = 0; t < periods; t++) {
      const season = weekday[t % 7] * (1 + depth * Math.sin((2 * Math.PI * t) / 365 + phase));
      const mean = level * season * (1 + (trend * t) / periods);
      y[t] = Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    }
    out.push(y);
  }
  return out;
}

/** Series count, horizon and origins of the pinned daily fits (the scale bench's 3 origins, H = 14 apart). */
export const DAILY_PINNED = { series: 12, horizon: 14, origins: [688, 702, 716] } as const;
