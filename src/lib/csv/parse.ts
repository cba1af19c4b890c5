import Papa from 'papaparse';
import { createAbortError, yieldToEventLoop } from '../core/abort';
import type { Sniff } from './sniff';

/** A parse error PapaParse reported, with the record it concerns (0-based data record index, header excluded). */
export interface ParseProblem {
  /** PapaParse's code: 'MissingQuotes', 'TooFewFields', 'TooManyFields', 'UndetectableDelimiter', 'InvalidQuotes'. */
  code: string;
  /** 0-based index of the record in the file (the header is record 0). */
  record: number;
  /** PapaParse's message. */
  message: string;
}

/** Callbacks and options of `parseCsvBlob`. */
export interface ParseCsvOptions {
  /** Decoding and BOM facts from `sniffBytes`. */
  sniff: Sniff;
  /** Delimiter and line break from `detectLayout`; detected from the first chunk when absent. */
  layout?: { delimiter: string; linebreak: string };
  /** Bytes per read; default 256 KiB (`DEFAULT_CHUNK_BYTES`). */
  chunkBytes?: number;
  /** Receives each batch of records (arrays of cells) with the 0-based record index of the first one. */
  onRecords: (records: string[][], firstRecord: number) => void;
  /** Receives PapaParse's problems. */
  onProblem: (problem: ParseProblem) => void;
  /** Bytes read so far, after each chunk. */
  onBytes?: (bytesRead: number, bytesTotal: number) => void;
  /** Cancels the parse: it then rejects with an AbortError. */
  signal?: AbortSignal;
  /** Stop after this many records (for previews). */
  maxRecords?: number;
}

/** What the parse learnt about the file's layout. */
export interface ParseMeta {
  /** The delimiter PapaParse detected. */
  delimiter: string;
  /** The line break detected: '\n', '\r\n' or '\r'. */
  linebreak: string;
  /** Records parsed (header included). */
  records: number;
  /** True when stopped early by `maxRecords`. */
  truncated: boolean;
}

type Listener = (arg?: unknown) => void;

/**
 * Bytes per slice of the file. Small slices keep the records alive at any moment few, so the young generation
 * collects them cheaply: with 4 MiB slices about 130,000 records of train.csv lived at once and were promoted
 * to the old generation, and garbage collection took a third of the import.
 */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

/**
 * True when a record holds some non-blank cell. PapaParse's `skipEmptyLines: 'greedy'` tests every record with
 * `row.join('').trim()`, a string built per record (a tenth of the parse time on train.csv); this test allocates
 * nothing and stops at the first non-blank cell, so the records kept are the same.
 */
function hasContent(record: string[]): boolean {
  for (let i = 0; i < record.length; i++) if (record[i].trim() !== '') return true;
  return false;
}

/** The records with content, as `skipEmptyLines: 'greedy'` keeps them; the same array when all have. */
function dropBlankRecords(records: string[][]): string[][] {
  for (let i = 0; i < records.length; i++) if (!hasContent(records[i])) return records.filter(hasContent);
  return records;
}

/** Delimiters tried, in order of preference when two fit equally well. */
const DELIMITERS = [',', ';', '\t', '|', Papa.RECORD_SEP, Papa.UNIT_SEP];

/**
 * Detects delimiter and line break from a decoded sample of the file's start. Each candidate delimiter is
 * tried on up to 50 records; the one whose records most often share the same field count (of at least 2)
 * wins, then the one with more fields. PapaParse's own guesser decides from mean field counts and picks ','
 * for `a;b / 1,5;2` (decimal commas in a semicolon file), which this rule gets right.
 */
export function detectLayout(sampleText: string): { delimiter: string; linebreak: string } {
  // Drop a last line that the sample may have cut in half.
  const cut = Math.max(sampleText.lastIndexOf('\n'), sampleText.lastIndexOf('\r'));
  const text = cut > 0 && sampleText.length >= 65536 ? sampleText.slice(0, cut) : sampleText;
  let best = { delimiter: ',', share: -1, fields: 0 };
  let linebreak = '\n';
  for (const delimiter of DELIMITERS) {
    const result = Papa.parse<string[]>(text, { preview: 50, delimiter, skipEmptyLines: 'greedy' });
    linebreak = result.meta.linebreak || linebreak;
    const counts = new Map<number, number>();
    for (const row of result.data) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [fields, n] of counts) if (n > modeCount || (n === modeCount && fields > mode)) [mode, modeCount] = [fields, n];
    if (mode < 2) continue;
    const share = modeCount / Math.max(1, result.data.length);
    if (share > best.share + 1e-9 || (Math.abs(share - best.share) <= 1e-9 && mode > best.fields)) {
      best = { delimiter, share, fields: mode };
    }
  }
  return { delimiter: best.delimiter, linebreak };
}

/**
 * Streams a Blob through PapaParse in chunks: the file is read in slices, decoded incrementally with the
 * sniffed encoding (a BOM is dropped), and records are handed over batch by batch. Between slices it yields
 * to the event loop, so a worker can receive a cancel message; memory stays bounded by one chunk.
 *
 * PapaParse's Node-stream input path is used with a minimal event emitter, because its File path reads
 * with FileReader (absent in Node) and cannot decode Windows-1252 by itself in every browser.
 */
export function parseCsvBlob(blob: Blob, options: ParseCsvOptions): Promise<ParseMeta> {
  const { sniff, onRecords, onProblem, onBytes, signal, maxRecords } = options;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, arg?: unknown) => listeners.get(event)?.forEach((fn) => fn(arg));
  let paused = false;
  let resumeWaiter: (() => void) | undefined;
  const stream = {
    readable: true,
    read() {},
    on(event: string, fn: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(fn);
      return stream;
    },
    removeListener(event: string, fn: Listener) {
      listeners.get(event)?.delete(fn);
      return stream;
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      resumeWaiter?.();
    },
  };

  return new Promise<ParseMeta>((resolve, reject) => {
    let records = 0;
    let truncated = false;
    let meta: Papa.ParseMeta | undefined;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error);
    };

    const config: Papa.ParseConfig<string[]> & { chunk: unknown; complete: unknown; error: unknown } = {
      header: false,
      ...(options.layout ? { delimiter: options.layout.delimiter, newline: options.layout.linebreak as '\n' } : {}),
      // Blank records are dropped below (dropBlankRecords), as 'greedy' would, without its per-record join.
      skipEmptyLines: false,
      dynamicTyping: false,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        meta = results.meta;
        const first = records;
        let data = dropBlankRecords(results.data);
        if (maxRecords !== undefined && records + data.length >= maxRecords) {
          data = data.slice(0, maxRecords - records);
          truncated = true;
        }
        records += data.length;
        for (const e of results.errors) {
          if (truncated && (e.row ?? 0) >= data.length) continue;
          onProblem({ code: e.code, record: first + (e.row ?? 0), message: e.message });
        }
        try {
          if (data.length) onRecords(data, first);
        } catch (error) {
          parser.abort();
          fail(error);
          return;
        }
        if (truncated) parser.abort();
      },
      complete: () => {
        if (settled) return;
        settled = true;
        resolve({ delimiter: meta?.delimiter ?? ',', linebreak: meta?.linebreak ?? '\n', records, truncated });
      },
      error: (error: Error) => fail(error),
    };
    // Papa's typings do not declare its Node-stream input; its runtime accepts any object with readable/read/on.
    (Papa.parse as unknown as (input: unknown, config: unknown) => void)(stream, config);

    const decoder = new TextDecoder(sniff.encoding, { ignoreBOM: false });
    const read = (offset: number) => {
      const pending = blob.slice(offset, offset + chunkBytes).arrayBuffer();
      pending.catch(() => undefined); // a read still pending when the parse stops is dropped, not unhandled
      return pending;
    };
    (async () => {
      try {
        // The next slice is read while this one is decoded and parsed.
        let next: Promise<ArrayBuffer> | null = blob.size > 0 ? read(0) : null;
        for (let offset = 0; offset < blob.size && !settled; offset += chunkBytes) {
          if (signal?.aborted) throw createAbortError();
          const bytes = new Uint8Array(await next!);
          next = offset + chunkBytes < blob.size ? read(offset + chunkBytes) : null;
          const text = decoder.decode(bytes, { stream: offset + chunkBytes < blob.size });
          if (settled) break;
          emit('data', text);
          onBytes?.(Math.min(offset + chunkBytes, blob.size), blob.size);
          if (truncated) break;
          await yieldToEventLoop();
          while (paused && !signal?.aborted) await new Promise<void>((r) => (resumeWaiter = r));
        }
        if (signal?.aborted) throw createAbortError();
        if (!settled) emit('end');
        // PapaParse completes synchronously on 'end'; an aborted preview never calls complete.
        if (!settled) {
          settled = true;
          resolve({ delimiter: meta?.delimiter ?? ',', linebreak: meta?.linebreak ?? '\n', records, truncated });
        }
      } catch (error) {
        fail(error);
      }
    })();
  });
}
