/// <reference lib="webworker" />
/** Reference for the ingest benchmark: PapaParse alone, streaming a File in a worker, doing nothing with rows. */
import Papa from 'papaparse';

self.onmessage = (event: MessageEvent<File>) => {
  const t0 = performance.now();
  let rows = 0;
  Papa.parse(event.data, {
    chunkSize: 4 * 1024 * 1024,
    chunk: (results: Papa.ParseResult<unknown>) => {
      rows += results.data.length;
    },
    complete: () => self.postMessage({ ms: performance.now() - t0, rows }),
  });
};
