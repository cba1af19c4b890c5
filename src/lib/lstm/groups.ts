/**
 * Series groups of a global LSTM: the values of a dataset's key columns (store, department, item), each entered as
 * a one-hot block of the known vector. The head multiplies the one-hot by its kernel, so each group value gets a
 * learned vector of Q × H weights: an embedding of the group straight into the correction, as the M5 winners' global
 * models key their corrections by store and item. Its kernel rows start at 0, so the groups leave epoch 0 (the
 * baseline) untouched. Pure TS.
 */

/** One key column's vocabulary: its one-hot block, in `values` order. */
export interface GroupVocabulary {
  /** Key column name (e.g. 'Store'). */
  column: string;
  /** Its values seen in training, sorted. An unseen value is all zeros (no learned correction). */
  values: string[];
}

/** Most values a key column may have to be a group: beyond this a one-hot per value is too sparse to learn. */
export const MAX_GROUP_VALUES = 500;

/**
 * The group vocabularies of `series`: every key column with 2 to `MAX_GROUP_VALUES` distinct values. A column
 * whose every value is its own series (the only key) is kept too: its one-hot is then a learned correction per
 * series, shrunk by the weight decay.
 */
export function groupVocabularies(series: ReadonlyArray<{ key: Record<string, string> }>): GroupVocabulary[] {
  const columns = new Map<string, Set<string>>();
  for (const s of series) {
    for (const [column, value] of Object.entries(s.key ?? {})) {
      let set = columns.get(column);
      if (!set) columns.set(column, (set = new Set()));
      set.add(String(value));
    }
  }
  const out: GroupVocabulary[] = [];
  for (const [column, set] of [...columns].sort(([a], [b]) => a.localeCompare(b))) {
    if (set.size < 2 || set.size > MAX_GROUP_VALUES) continue;
    out.push({ column, values: [...set].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })) });
  }
  return out;
}

/** Width of the one-hot blocks. */
export function groupWidth(groups: readonly GroupVocabulary[] | undefined): number {
  return (groups ?? []).reduce((n, g) => n + g.values.length, 0);
}

/** Positions (within the one-hot blocks) of a series' key values; −1 where a value is unknown or missing. */
export function groupPositions(key: Record<string, string> | undefined, groups: readonly GroupVocabulary[] | undefined): Int32Array {
  const list = groups ?? [];
  const out = new Int32Array(list.length).fill(-1);
  let offset = 0;
  list.forEach((g, i) => {
    const v = key?.[g.column];
    const j = v === undefined ? -1 : g.values.indexOf(String(v));
    if (j >= 0) out[i] = offset + j;
    offset += g.values.length;
  });
  return out;
}
