// Boots a TypeScript worker entry inside a Node worker thread: Vite's module runner transforms it, as Vite
// does for the app's workers. workerData.entry is the entry's path.
import { workerData } from 'node:worker_threads';

const { runnerImport } = await import('vite');
await runnerImport(workerData.entry, { configFile: false, logLevel: 'silent' });
