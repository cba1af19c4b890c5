/**
 * The only postMessage code in the app. `createWorkerClient` (page) and `serveWorker` (worker) speak one
 * envelope: `{id, method, input}` in; `{id, kind: 'progress' | 'result' | 'error' | 'cancelled'}` out, with
 * exactly one terminal message per id. Typed arrays in results travel as transfers (their buffers move, the
 * sender never reads them again).
 */
import { AppError, type AppErrorCode } from '../lib/core/errors';
import { createAbortError } from '../lib/core/abort';
import type { Progress } from '../lib/core/progress';

/** A worker's API: method name → its input, result and progress types. */
export type ApiSpec = Record<string, { input: unknown; result: unknown; progress: unknown }>;

/** Messages the page sends. */
export type RpcRequest =
  | { kind: 'call'; id: number; method: string; input: unknown }
  | { kind: 'cancel'; id: number };

/** An error as it crosses the boundary. */
export interface WireError {
  /** 'AbortError', 'AppError' or the JS error's name. */
  name: string;
  /** AppError code when there is one. */
  code: AppErrorCode | null;
  /** Message for people. */
  message: string;
  /** AppError details. */
  details: Record<string, unknown> | null;
}

/** Messages the worker sends. */
export type RpcResponse =
  | { kind: 'progress'; id: number; progress: unknown }
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; error: WireError }
  | { kind: 'cancelled'; id: number };

/** Options of one call. */
export interface CallOptions<P> {
  /** Cancels the call: the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** Receives progress events. */
  onProgress?: (progress: P) => void;
  /** Buffers of the input to transfer instead of copy (the caller never reads them again). Default none. */
  transfer?: ArrayBuffer[];
}

/** Turns an error into its wire form. */
export function toWireError(error: unknown): WireError {
  if (error instanceof AppError) return { name: 'AppError', code: error.code, message: error.message, details: error.details ?? null };
  if (error instanceof Error) {
    const quota = error.name === 'QuotaExceededError';
    return { name: error.name, code: quota ? 'quota-exceeded' : null, message: error.message, details: null };
  }
  return { name: 'Error', code: 'internal', message: String(error), details: null };
}

/** Rebuilds an error from its wire form: AbortError stays an AbortError; everything else is an AppError. */
export function fromWireError(wire: WireError): Error {
  if (wire.name === 'AbortError') return createAbortError(wire.message);
  return new AppError(wire.code ?? 'internal', wire.message, wire.details ?? undefined);
}

/** Collects the buffers of the typed arrays inside a value, for the transfer list (no duplicates, none shared). */
export function collectTransferables(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  addTransferables(value, out, 0);
  return [...out];
}

// The set is turned into an array once, at the top: copying it at every node made a result of 30,000 forecast
// series (some 200,000 typed arrays) cost O(n²), minutes in the worker (issue #18).
function addTransferables(value: unknown, out: Set<ArrayBuffer>, depth: number): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (ArrayBuffer.isView(value)) {
    const buffer = value.buffer;
    if (buffer instanceof ArrayBuffer && buffer.byteLength > 0) out.add(buffer);
    return;
  }
  if (value instanceof Blob) return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) addTransferables(v, out, depth + 1);
}

/** Something that can be posted to, like a Worker or a worker's global scope. */
interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/** The page side of a worker. */
export interface WorkerClient<A extends ApiSpec> {
  /** Calls `method`; rejects with AbortError when cancelled and with AppError('worker-crashed') if the worker dies. */
  call<M extends keyof A & string>(method: M, input: A[M]['input'], options?: CallOptions<A[M]['progress']>): Promise<A[M]['result']>;
  /** Ends the worker now; pending calls reject. A later call starts a new one. */
  terminate(): void;
}

/** Options of `createWorkerClient`. */
export interface WorkerClientOptions {
  /** Terminate the worker after this long with no call in flight; default: never. */
  idleTimeoutMs?: number;
  /** After a cancel, terminate the worker if it has not acknowledged within this long; default 2000 ms. */
  cancelTimeoutMs?: number;
}

/**
 * Creates the page-side client of a worker. The worker starts lazily on the first call and again after a crash,
 * a hard cancel or an idle timeout.
 */
export function createWorkerClient<A extends ApiSpec>(spawn: () => Worker, options: WorkerClientOptions = {}): WorkerClient<A> {
  const cancelTimeoutMs = options.cancelTimeoutMs ?? 2000;
  let worker: Worker | null = null;
  let nextId = 1;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void; onProgress?: (p: unknown) => void }>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const kill = (reason: Error) => {
    worker?.terminate();
    worker = null;
    failAll(reason);
  };
  const scheduleIdle = () => {
    clearTimeout(idleTimer);
    if (options.idleTimeoutMs !== undefined && pending.size === 0) {
      idleTimer = setTimeout(() => {
        if (pending.size === 0) {
          worker?.terminate();
          worker = null;
        }
      }, options.idleTimeoutMs);
    }
  };
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = spawn();
    w.onmessage = (event: MessageEvent<RpcResponse>) => {
      const msg = event.data;
      const p = pending.get(msg.id);
      if (!p) return;
      if (msg.kind === 'progress') {
        p.onProgress?.(msg.progress);
        return;
      }
      pending.delete(msg.id);
      if (msg.kind === 'result') p.resolve(msg.result);
      else if (msg.kind === 'cancelled') p.reject(createAbortError());
      else p.reject(fromWireError(msg.error));
      scheduleIdle();
    };
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault?.();
      kill(new AppError('worker-crashed', `The background worker stopped unexpectedly${event.message ? `: ${event.message}` : ''}. The app is still usable; try again.`));
    };
    w.onmessageerror = () => kill(new AppError('worker-crashed', 'A message from the background worker could not be read.'));
    worker = w;
    return w;
  };

  return {
    call(method, input, callOptions = {}) {
      const { signal, onProgress, transfer = [] } = callOptions;
      if (signal?.aborted) return Promise.reject(createAbortError());
      clearTimeout(idleTimer);
      const w = ensure();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: onProgress as ((p: unknown) => void) | undefined });
        const message: RpcRequest = { kind: 'call', id, method, input };
        w.postMessage(message, transfer);
        signal?.addEventListener(
          'abort',
          () => {
            if (!pending.has(id)) return;
            w.postMessage({ kind: 'cancel', id } satisfies RpcRequest);
            // Hard cancel when the worker does not acknowledge (a tight loop that never yields).
            setTimeout(() => {
              if (pending.has(id) && worker === w) kill(createAbortError());
            }, cancelTimeoutMs);
          },
          { once: true },
        );
      });
    },
    terminate() {
      clearTimeout(idleTimer);
      kill(new AppError('worker-crashed', 'The background worker was stopped.'));
    },
  };
}

/** What a handler gets besides its input. */
export interface HandlerContext<P> {
  /** Aborted when the page cancels this call. */
  signal: AbortSignal;
  /** Sends a progress event. */
  onProgress: (progress: P) => void;
}

/** Handlers for every method of an API. */
export type Handlers<A extends ApiSpec> = {
  [M in keyof A]: (input: A[M]['input'], context: HandlerContext<A[M]['progress']>) => Promise<A[M]['result']>;
};

/**
 * Serves an API inside a worker: rejects unknown methods, routes cancels to the call's AbortSignal, sends
 * exactly one terminal message per call, and transfers the typed arrays of results.
 */
export function serveWorker<A extends ApiSpec>(handlers: Handlers<A>, scope: Port & { onmessage: unknown } = self as unknown as Port & { onmessage: unknown }): void {
  const controllers = new Map<number, AbortController>();
  const post = (msg: RpcResponse, transfer: ArrayBuffer[] = []) => scope.postMessage(msg, transfer);
  scope.onmessage = async (event: MessageEvent<RpcRequest>) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || typeof (msg as { id?: unknown }).id !== 'number') return;
    if (msg.kind === 'cancel') {
      controllers.get(msg.id)?.abort();
      return;
    }
    if (msg.kind !== 'call') return;
    const { id, method } = msg;
    const handler = Object.prototype.hasOwnProperty.call(handlers, method) ? handlers[method as keyof A] : undefined;
    if (!handler) {
      post({ kind: 'error', id, error: { name: 'AppError', code: 'invalid-option', message: `unknown method: ${JSON.stringify(method)}`, details: null } });
      return;
    }
    const controller = new AbortController();
    controllers.set(id, controller);
    try {
      const result = await handler(msg.input as never, {
        signal: controller.signal,
        onProgress: (progress) => post({ kind: 'progress', id, progress }),
      });
      if (controller.signal.aborted) post({ kind: 'cancelled', id });
      else post({ kind: 'result', id, result }, collectTransferables(result));
    } catch (error) {
      if (controller.signal.aborted || (error instanceof Error && error.name === 'AbortError')) post({ kind: 'cancelled', id });
      else post({ kind: 'error', id, error: toWireError(error) });
    } finally {
      controllers.delete(id);
    }
  };
}

export type { Progress };
