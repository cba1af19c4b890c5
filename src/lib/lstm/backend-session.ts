/**
 * The TF.js backend of one worker: selected once (or again when the preferred one changes), with selections run
 * one after another. Module state on purpose: TF.js's backend is global to the realm, so one session per worker.
 */
import { selectBackend } from './backend';
import { BACKEND_NAMES, type BackendChoice, type BackendName, type WasmThreadsMode } from './backend-types';

let choice: Promise<BackendChoice> | null = null;
let chosenFor: BackendName | null | undefined;
/** The latest selection started, settled or not: selections run one after another, never interleaved (each
 * sets TF.js's global backend while it probes, so two at once would check each other's backend). */
let lastSelection: Promise<unknown> = Promise.resolve();

function serialized(select: () => Promise<BackendChoice>): Promise<BackendChoice> {
  const run = lastSelection.then(select, select);
  lastSelection = run.catch(() => undefined);
  return run;
}

/**
 * Selects the TF.js backend once (or again when the preferred one changes) and returns the choice. `wasmThreads`
 * counts at the first WASM start only: the page restarts the worker when the user changes it. A change while a
 * selection runs waits for it to finish.
 */
export function ensureBackend(preferred: BackendName | null, wasmThreads: WasmThreadsMode = 'auto'): Promise<BackendChoice> {
  if (!choice || chosenFor !== preferred) {
    chosenFor = preferred;
    const attempt = serialized(() => selectBackend({ preferred: preferred && BACKEND_NAMES.includes(preferred) ? preferred : undefined, wasmThreads }));
    choice = attempt;
    attempt.catch(() => {
      if (choice === attempt) choice = null;
    });
  }
  return choice;
}

/**
 * The backend for forecasting with a saved model (inference only, a few small batches): the backend already
 * selected for training, else the preferred one, else WASM after its one-step check (CPU if WASM fails). The
 * timed probe of every backend takes longer than the whole inference, so it is left for training, which then
 * runs it (and switches backend) as usual.
 */
export function ensureInferenceBackend(preferred: BackendName | null, wasmThreads: WasmThreadsMode = 'auto'): Promise<BackendChoice> {
  if (choice && chosenFor === preferred) return choice;
  if (preferred) return ensureBackend(preferred, wasmThreads);
  return serialized(() => selectBackend({ preferred: 'wasm', candidates: ['wasm', 'cpu'], probeMs: 0, wasmThreads }));
}
