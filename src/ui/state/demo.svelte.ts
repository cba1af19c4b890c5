import { isAbortError } from '../../lib/core/abort';
import type { WorkerClient } from '../../workers/rpc';
import type { IngestApi } from '../../workers/protocol';
import { installDemoModel } from './demo-model';
import { markDemoOrders, prepareDemoOrders } from './demo-orders';
import type { Workspace } from './workspace.svelte';

/** Seed of the demo workspace: the same demo for everyone. */
export const DEMO_SEED = 20240101;
/** Settings key recording that the first visit already loaded the demo (so a cleared workspace stays empty). */
export const FIRST_VISIT_KEY = 'demoLoadedOnFirstVisit';

/** Loads the generated demo workspace: on the first visit, and on demand. */
export class DemoLoader {
  /** 'loading' while the worker generates and stores it. */
  status = $state<'idle' | 'loading' | 'done'>('idle');
  /** A sentence for people when it failed. */
  error = $state<string | null>(null);

  constructor(
    private readonly client: WorkerClient<IngestApi>,
    private readonly workspace: Workspace,
  ) {}

  /** Generates and stores the demo workspace (replacing an earlier demo); resolves true when it did. */
  async load(): Promise<boolean> {
    this.status = 'loading';
    this.error = null;
    try {
      const { datasetIds } = await this.client.call('loadDemo', { seed: DEMO_SEED });
      // The shipped LSTM comes with the demo; without it (files unreachable) the demo still works, it trains.
      await installDemoModel(await this.workspace.db(), document.baseURI).catch(() => false);
      await this.workspace.refresh();
      this.workspace.activeId = datasetIds[0] ?? this.workspace.activeId;
      this.workspace.settleInterrupted('import');
      this.status = 'done';
      // Its orders come ready too (issue #14, point 10): a quick forecast in the background.
      void prepareDemoOrders(this.workspace);
      return true;
    } catch (error) {
      this.status = 'idle';
      if (!isAbortError(error)) this.error = `The demo workspace could not be built: ${error instanceof Error ? error.message : String(error)}`;
      return false;
    }
  }

  /** Records that the demo should not load again by itself (after the user cleared the workspace). */
  static async markVisited(workspace: Workspace): Promise<void> {
    await (await workspace.db()).put('settings', Date.now(), FIRST_VISIT_KEY);
  }

  /** Loads the demo once, on the very first visit to an empty workspace; resolves true when it loaded it. */
  async loadOnFirstVisit(): Promise<boolean> {
    if (this.workspace.error || this.workspace.datasets.length) return false;
    // `?demo=0` opens an empty workspace (for a planner who only wants their own data, and for tests).
    if (new URLSearchParams(location.search).get('demo') === '0') return false;
    const db = await this.workspace.db();
    if (await db.get('settings', FIRST_VISIT_KEY)) return false;
    await db.put('settings', Date.now(), FIRST_VISIT_KEY);
    markDemoOrders('pending');
    const loaded = await this.load();
    if (!loaded) markDemoOrders('failed');
    return loaded;
  }
}
