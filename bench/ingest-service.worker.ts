/// <reference lib="webworker" />
/** The app's ingest worker steps (inspect, then import into staging), timed in a worker, as the app runs them. */
import { createIngestHandlers } from '../src/workers/ingest-service';

self.onmessage = async (event: MessageEvent<File>) => {
  const handlers = createIngestHandlers();
  const ctx = { signal: new AbortController().signal, onProgress: () => {} };
  const file = { file: event.data, name: event.data.name, signature: 'bench' };
  await handlers.warm(null, ctx);
  const t0 = performance.now();
  const [inspected] = await handlers.inspect({ files: [file], role: 'sales' }, ctx);
  const t1 = performance.now();
  const r = await handlers.import({ role: 'sales', files: [{ ...file, inspection: inspected.inspection, mapping: inspected.inspection.mapping }], targetDatasetId: null, duplicates: 'first' }, ctx);
  const t2 = performance.now();
  if (r.kind === 'staged') await handlers.discard({ stagingId: r.stagingId }, ctx);
  self.postMessage({ inspectMs: t1 - t0, importMs: t2 - t1, kind: r.kind });
};
