/**
 * JS heap of a page and of its dedicated workers, measured over the Chrome DevTools Protocol after a forced
 * garbage collection (`HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`). `performance.memory` is not
 * used: it is rounded, only updated now and then, and absent in workers. Used by `npm run bench -- soak` and by
 * tests/e2e/soak.spec.ts.
 *
 * Workers are reached by auto-attaching to them from the page's session without flattening, so commands go
 * through `Target.sendMessageToTarget` (Playwright's CDPSession cannot address a flattened child session).
 */

/**
 * Opens the probe on a Playwright page (Chromium only). Call it before the workers start, or at least before
 * `heaps()`: already running workers are attached too.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {import('@playwright/test').Page} page
 */
export async function createHeapProbe(context, page) {
  const cdp = await context.newCDPSession(page);
  /** @type {Map<string, string>} session id → worker name (the `name` given to `new Worker`) */
  const workers = new Map();
  /** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void}>} */
  const waiting = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.set(e.sessionId, e.targetInfo.title || e.targetInfo.url);
  });
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const msg = JSON.parse(e.message);
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(`${msg.error.message} (${msg.error.code})`));
    else w.resolve(msg.result);
  });
  const sendToWorker = (sessionId, method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((error) => {
        waiting.delete(id);
        reject(error);
      });
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

  return {
    /** Names of the attached workers. */
    workerNames: () => [...workers.values()],
    /**
     * Forces a GC in the page and in each worker (or only the named ones), then reads their used JS heap.
     * @param {string[]} [names] workers to measure; default all
     * @returns {Promise<{page: number, workers: Record<string, number>}>} used heap sizes, bytes
     */
    async heaps(names) {
      await cdp.send('HeapProfiler.collectGarbage');
      const page = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      /** @type {Record<string, number>} */
      const out = {};
      for (const [sessionId, name] of workers) {
        if (names && !names.includes(name)) continue;
        await sendToWorker(sessionId, 'HeapProfiler.collectGarbage');
        out[name] = (await sendToWorker(sessionId, 'Runtime.getHeapUsage')).usedSize;
      }
      return { page, workers: out };
    },
    /**
     * Takes a heap snapshot of the page (or of the named worker) and sums the objects' sizes by kind. Compiled
     * code is counted apart: it grows for minutes as V8 optimizes hot functions, and would hide a slow leak of
     * real objects (the snapshot itself starts with a full GC).
     * @param {string} [worker] a worker name; default the page
     * @returns {Promise<{objects: number, code: number}>} bytes
     */
    async snapshot(worker) {
      const chunks = [];
      if (!worker) {
        const onChunk = (e) => chunks.push(e.chunk);
        cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
        await cdp.send('HeapProfiler.enable');
        await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
        cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
      } else {
        const sessionId = [...workers].find(([, name]) => name === worker)?.[0];
        if (!sessionId) throw new Error(`no worker named ${worker}: ${[...workers.values()].join(', ')}`);
        const onMessage = (e) => {
          if (e.sessionId !== sessionId) return;
          const msg = JSON.parse(e.message);
          if (msg.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(msg.params.chunk);
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        await sendToWorker(sessionId, 'HeapProfiler.enable');
        await sendToWorker(sessionId, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
        cdp.off('Target.receivedMessageFromTarget', onMessage);
      }
      return sizeByKind(JSON.parse(chunks.join('')));
    },
    /** Ends the session. */
    close: () => cdp.detach(),
  };
}

/** Sums a heap snapshot's node self sizes: compiled code apart from everything else. */
function sizeByKind(snapshot) {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const type = fields.indexOf('type');
  const size = fields.indexOf('self_size');
  let objects = 0;
  let code = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    if (types[snapshot.nodes[i + type]] === 'code') code += snapshot.nodes[i + size];
    else objects += snapshot.nodes[i + size];
  }
  return { objects, code };
}

/**
 * Least-squares slope of `ys` against `xs` (e.g. bytes per cycle); 0 for fewer than 2 points.
 * @param {number[]} xs
 * @param {number[]} ys
 */
export function slope(xs, ys) {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}
