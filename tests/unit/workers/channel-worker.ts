/**
 * A Worker stand-in for Node tests: `serveWorker` runs on one end of a MessageChannel and
 * `createWorkerClient` talks to the other, so every message is structured-cloned and every transfer really
 * detaches its buffer, as between the page and a worker, while the handlers run in this thread (they can
 * share fake-indexeddb with the test). `crash()` fires the error event a dying worker fires.
 */
import { type ApiSpec, createWorkerClient, type Handlers, type RpcResponse, serveWorker, type WorkerClient, type WorkerClientOptions } from '../../../src/workers/rpc';

/** One spawned stand-in: the page-side `Worker` surface plus what tests inspect. */
export class ChannelWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  /** Set by terminate() (the client's hard cancel, idle timeout or crash handling). */
  terminated = false;
  /** Every message the worker side posted, in order. */
  readonly sent: RpcResponse[] = [];
  private readonly page: MessagePort;
  private readonly inside: MessagePort;

  constructor(handlers: Handlers<ApiSpec>) {
    const { port1, port2 } = new MessageChannel();
    this.page = port1;
    this.inside = port2;
    port1.onmessage = (event) => this.onmessage?.(event);
    const scope = {
      onmessage: null as unknown,
      postMessage: (message: unknown, transfer: Transferable[] = []) => {
        if (this.terminated) return;
        this.sent.push(message as RpcResponse);
        port2.postMessage(message, transfer);
      },
    };
    serveWorker(handlers, scope);
    port2.onmessage = (event) => (scope.onmessage as (e: MessageEvent) => void)(event);
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (!this.terminated) this.page.postMessage(message, transfer);
  }

  terminate(): void {
    this.terminated = true;
    this.page.close();
    this.inside.close();
  }

  /** What a worker does when it dies of an uncaught error: an error event on the page side. */
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as unknown as ErrorEvent);
    this.terminate();
  }
}

/** A client over stand-in workers that serve `makeHandlers()` (one fresh set per spawn, like a new worker). */
export function channelClient<A extends ApiSpec>(makeHandlers: () => Handlers<A>, options: WorkerClientOptions = {}) {
  const spawned: ChannelWorker[] = [];
  const client: WorkerClient<A> = createWorkerClient<A>(() => {
    const w = new ChannelWorker(makeHandlers() as unknown as Handlers<ApiSpec>);
    spawned.push(w);
    return w as unknown as Worker;
  }, options);
  return { client, spawned, close: () => client.terminate() };
}

/** The handlers' own call shape over a client, so one suite can run against both (duckdb-wasm's testX / testXAsync). */
export function handlersOverClient<A extends ApiSpec>(client: WorkerClient<A>, methods: ReadonlyArray<keyof A & string>): Handlers<A> {
  const out = {} as Record<string, unknown>;
  for (const m of methods) out[m] = (input: unknown, context: { signal: AbortSignal; onProgress: (p: unknown) => void }) => client.call(m, input as never, context as never);
  return out as Handlers<A>;
}
