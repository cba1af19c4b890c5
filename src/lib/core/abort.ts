/** Creates the error every cancelled call rejects with: `name === 'AbortError'`, as `fetch` does. */
export function createAbortError(message = 'The operation was cancelled.'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

/** True for the error a cancelled call rejects with. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Throws an AbortError when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw createAbortError();
}

// Typed here because `lib/` compiles without DOM types; browsers, workers and Node all provide it.
declare const MessageChannel:
  | (new () => { port1: { onmessage: ((e: unknown) => void) | null; close(): void }; port2: { postMessage(v: unknown): void } })
  | undefined;

/**
 * Yields to the event loop so a worker can receive its cancel message between chunks of work.
 * A `MessageChannel` round trip is used where available: `setTimeout(0)` is clamped to ≥ 4 ms after nesting.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Calls `yieldToEventLoop` and then `throwIfAborted`: the checkpoint long loops call between chunks. */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await yieldToEventLoop();
  throwIfAborted(signal);
}
