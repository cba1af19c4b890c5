/**
 * Benchmark page (built only for `npm run bench`): functions the harness calls with page.evaluate.
 * Each returns raw measurements; scripts/bench.mjs prints the table.
 */
const input = document.getElementById('file') as HTMLInputElement;

/** Bare PapaParse over the picked file, in a worker: the ingest reference. */
async function barePapa(): Promise<{ ms: number; rows: number; bytes: number }> {
  const file = input.files![0];
  const worker = new Worker(new URL('./papa-bare.worker.ts', import.meta.url), { type: 'module' });
  const result = await new Promise<{ ms: number; rows: number }>((resolve) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.postMessage(file);
  });
  worker.terminate();
  return { ...result, bytes: file.size };
}

/** The app's ingest pipeline without storage or UI, in a worker. */
async function ingestLib(): Promise<{ inspectMs: number; importMs: number; kind: string }> {
  const worker = new Worker(new URL('./ingest-lib.worker.ts', import.meta.url), { type: 'module' });
  const result = await new Promise<{ inspectMs: number; importMs: number; kind: string }>((resolve) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.postMessage(input.files![0]);
  });
  worker.terminate();
  return result;
}

/** The app's ingest worker steps (with IndexedDB, staging), in a worker: isolates the app's own overhead. */
async function ingestService(): Promise<{ inspectMs: number; importMs: number; kind: string }> {
  const worker = new Worker(new URL('./ingest-service.worker.ts', import.meta.url), { type: 'module' });
  const result = await new Promise<{ inspectMs: number; importMs: number; kind: string }>((resolve) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.postMessage(input.files![0]);
  });
  worker.terminate();
  return result;
}

(window as unknown as { bench: Record<string, unknown> }).bench = { barePapa, ingestLib, ingestService };
(window as unknown as { bench: Record<string, unknown> }).bench.reorder = async (items?: number) => (await import('./reorder-bench')).reorderBench(items);
(window as unknown as { bench: Record<string, unknown> }).bench.sim = async (means?: number[]) => (await import('./sim')).simBench(means);
(window as unknown as { bench: Record<string, unknown> }).bench.simRoundTrip = async (moves?: number) => (await import('./sim')).simRoundTrip(moves);
(window as unknown as { bench: Record<string, unknown> }).bench.lstm = async () => (await import('./lstm-bench')).lstmBench();
