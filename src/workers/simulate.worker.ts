/// <reference lib="webworker" />
/** Simulate worker entry: serves the simulate API (see simulate-service.ts). */
import { serveWorker } from './rpc';
import { createSimulateHandlers } from './simulate-service';
import type { SimulateApi } from './simulate-protocol';

serveWorker<SimulateApi>(createSimulateHandlers());
