/**
 * Peer inputs of a global LSTM: for each key column c, the series that share every other key value (for a
 * store × department file and c = Store: the same department in the other stores; with a single key column: every
 * other series). Their scaled values, averaged per calendar period, give the season's shape as the peers saw it,
 * and the known vector gets, per forecast period, the peers' seasonal value minus the series' own one at the
 * periods the baseline reads (`peerSeasonalGap`). The head can then shrink a series' noisy seasonal-naive value
 * towards its peers' shape, as the Walmart competition's winning forecasts smoothed each department across stores
 * (there with a truncated SVD). Unlike a correction keyed by the week of the year, such a shrinkage is the same in
 * every season, so what one year of training origins teaches carries to the next weeks.
 *
 * Why: on the 2,660 full series of the Walmart department file, over origins 65-90 only (before the last year's
 * origins, where results are reported; their targets reach week 97), forecast = baseline + w · (department peers'
 * seasonal value − own) with w = 0.2 fitted on origins 65-77 scored 8.63 % WAPE there against 8.88 % for the baseline, and 9.43 % against 9.84 % on
 * origins 78-90; store peers (other departments of the store) gained under 2 % (w = 0.1). The head learns one
 * weight per column and forecast period, starting at 0 (epoch 0 stays the baseline). Pure TS.
 */

/** What the peer inputs read of a series' features (a `SeriesFeatures` of features.ts, which imports this module):
 * its rows of scaled values from calendar period `first` on, and its peer sums once attached. */
export interface PeerSeries {
  /** Calendar period of row 0. */
  first: number;
  /** Rows. */
  rows: number;
  /** Row-major feature rows; the first input of each row is the scaled, gap-filled value. */
  steps: Float32Array;
  /** The peer sums per peer column (`attachPeers`). */
  peers?: Array<PeerSums | null>;
}

/** The peers of one series for one key column: sums over the group of the members' scaled values per calendar
 * period, and how many members have a value there. */
export interface PeerSums {
  /** Σ scaled value per calendar period 0 … end − 1. */
  sum: Float64Array;
  /** Members with a value per calendar period. */
  count: Int32Array;
}

/**
 * Key columns that have peers: columns present in every series' key (in sorted order) where leaving the column out
 * puts at least two series in some group. [] when no series has a key.
 */
export function peerColumns(series: ReadonlyArray<{ key?: Record<string, string> }>): string[] {
  if (series.length < 2) return [];
  const columns = commonKeyColumns(series);
  return columns.filter((c) => {
    const seen = new Set<string>();
    for (const s of series) {
      const g = groupKey(s.key!, columns, c);
      if (seen.has(g)) return true;
      seen.add(g);
    }
    return false;
  });
}

/** Key columns every series has, sorted. */
function commonKeyColumns(series: ReadonlyArray<{ key?: Record<string, string> }>): string[] {
  const first = Object.keys(series[0]?.key ?? {});
  return first.filter((c) => series.every((s) => s.key && c in s.key)).sort();
}

function groupKey(key: Record<string, string>, columns: readonly string[], leftOut: string): string {
  return JSON.stringify(columns.filter((c) => c !== leftOut).map((c) => String(key[c])));
}

/**
 * Attaches each series' peer sums (`sf.peers`, one per column of `columns`) to the features of `series`: series
 * without features (nothing observed before the window end) are no one's peers. Each group's sums cover calendar
 * periods 0 … `end` − 1 and count a member from its first observation, with its gap-filled scaled value
 * (`sf.steps`' first input). Groups are keyed by every key column the series share but the one left out, as in
 * `peerColumns` (a column without peers still separates the groups). A series whose key lacks a column gets no
 * peers for it (null).
 */
export function attachPeers(
  features: Array<PeerSeries | null>,
  series: ReadonlyArray<{ key?: Record<string, string> }>,
  columns: readonly string[],
  end: number,
  stepWidth: number,
): void {
  if (columns.length === 0) return;
  const all = commonKeyColumns(series);
  for (const sf of features) if (sf) sf.peers = [];
  columns.forEach((c) => {
    const groups = new Map<string, PeerSums>();
    features.forEach((sf, i) => {
      const key = series[i].key;
      if (!sf) return;
      if (!key || !all.every((k) => k in key)) {
        sf.peers!.push(null);
        return;
      }
      const g = groupKey(key, all, c);
      let sums = groups.get(g);
      if (!sums) groups.set(g, (sums = { sum: new Float64Array(end), count: new Int32Array(end) }));
      const last = Math.min(end, sf.first + sf.rows);
      for (let p = Math.max(0, sf.first); p < last; p++) {
        sums.sum[p] += sf.steps[(p - sf.first) * stepWidth];
        sums.count[p]++;
      }
      sf.peers!.push(sums);
    });
  });
}

/**
 * The peers' mean scaled value at calendar period `p`, leaving the series itself out, minus the series' own: NaN
 * where no other member has a value (or `p` is outside the series' rows).
 */
export function peerGapAt(sf: PeerSeries, peers: PeerSums, p: number, stepWidth: number): number {
  if (p < sf.first || p >= sf.first + sf.rows || p >= peers.sum.length) return NaN;
  const own = sf.steps[(p - sf.first) * stepWidth];
  const others = peers.count[p] - 1;
  return others > 0 ? (peers.sum[p] - own) / others - own : NaN;
}

/**
 * Peer input of forecast period origin + h for one column: the mean over the seasonal periods the baseline
 * averages (`periods`, from `baselineAt`'s source back by whole seasons) of `peerGapAt`; 0 where no period has
 * peers. Reads no value at or after the origin (every period in `periods` precedes it).
 */
export function peerSeasonalGap(sf: PeerSeries, peers: PeerSums | null, periods: readonly number[], stepWidth: number): number {
  if (!peers) return 0;
  let sum = 0;
  let n = 0;
  for (const p of periods) {
    const gap = peerGapAt(sf, peers, p, stepWidth);
    if (Number.isFinite(gap)) {
      sum += gap;
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}
