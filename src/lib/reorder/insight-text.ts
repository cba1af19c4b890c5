import { formatDay, formatDays, formatMoney, formatNumber, formatPercent, formatUnits } from './format';

/** How a referenced figure is formatted. */
export type InsightRefKind = 'count' | 'units' | 'money' | 'percent' | 'days' | 'date' | 'ratio' | 'label';

/** A figure a sentence uses, so the UI can show where each number comes from. */
export interface InsightRef {
  /** What the figure is, e.g. 'CRITICAL items' or 'order value, Store 4'. */
  label: string;
  /** The figure as computed (a day number for dates, the text for labels). */
  value: number | string;
  /** How it is formatted. */
  kind: InsightRefKind;
  /** The figure exactly as it appears in the sentence. */
  display: string;
  /** Result rows the figure is about or summed over, when it is about items. */
  rows?: number[];
}

/** One generated sentence. */
export interface InsightSentence {
  /** Stable id, e.g. 'risk', 'stores', 'peak-week'. */
  id: string;
  /** Section of the summary it belongs to. */
  topic: 'risk' | 'stores' | 'urgent' | 'coming-weeks' | 'orders' | 'reliability' | 'overstock' | 'check-first';
  /** The sentence. Every number in it is the `display` of one of `refs`. */
  text: string;
  /** The figures used, in order of appearance. */
  refs: InsightRef[];
}

/** Formats a figure by kind. */
export function formatRef(value: number | string, kind: InsightRefKind): string {
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'count':
      return formatNumber(value, 0);
    case 'units':
      return formatUnits(value);
    case 'money':
      return formatMoney(value);
    case 'percent':
      return formatPercent(value);
    case 'days':
      return formatDays(value);
    case 'date':
      return formatDay(value);
    case 'ratio':
      return formatNumber(value, 2);
    case 'label':
      return String(value);
  }
}

/**
 * Builds a sentence from literal text and figures. Figures are only ever written through `ref`, so that the
 * sentence cannot show a number without a reference to it (the traceability the UI promises).
 */
export class SentenceBuilder {
  private readonly parts: string[] = [];
  private readonly refs: InsightRef[] = [];

  /** Appends literal text (templates: no figures inside). */
  t(text: string): this {
    this.parts.push(text);
    return this;
  }

  /** Appends a figure and records its reference. */
  ref(label: string, value: number | string, kind: InsightRefKind, rows?: number[]): this {
    const display = formatRef(value, kind);
    this.parts.push(display);
    this.refs.push(rows === undefined ? { label, value, kind, display } : { label, value, kind, display, rows });
    return this;
  }

  /** Appends `items` joined as "a, b and c", each written by `write`. */
  list<T>(items: readonly T[], write: (b: this, item: T) => void): this {
    items.forEach((item, k) => {
      if (k > 0) this.t(k === items.length - 1 ? ' and ' : ', ');
      write(this, item);
    });
    return this;
  }

  /** The finished sentence. */
  build(id: string, topic: InsightSentence['topic']): InsightSentence {
    return { id, topic, text: this.parts.join(''), refs: this.refs };
  }
}

/** "1 item" / "3 items". */
export function plural(count: number, word: string, many = `${word}s`): string {
  return count === 1 ? word : many;
}
