import { isAbortError } from '../../lib/core/abort';
import type { WorkerClient } from '../../workers/rpc';
import type { IngestApi } from '../../workers/protocol';
import { installDemoModel } from './demo-model';
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

  /** Generates and stores the demo workspace (replacing an earlier demo). */
  async load(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      const { datasetIds } = await this.client.call('loadDemo', { seed: DEMO_SEED });
      // The shipped LSTM comes with the demo; without it (files unreachable) the demo still works, it trains.
      await installDemoModel(await this.workspace.db(), document.baseURI).catch(() => false);
      await this.workspace.refresh();
      this.workspace.activeId = datasetIds[0] ?? this.workspace.activeId;
      this.status = 'done';
    } catch (error) {
      this.status = 'idle';
      if (!isAbortError(error)) this.error = `The demo workspace could not be built: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Records that the demo should not load again by itself (after the user cleared the workspace). */
  static async markVisited(workspace: Workspace): Promise<void> {
    await (await workspace.db()).put('settings', Date.now(), FIRST_VISIT_KEY);
  }

  /** Loads the demo once, on the very first visit to an empty workspace. */
  async loadOnFirstVisit(): Promise<void> {
    if (this.workspace.error || this.workspace.datasets.length) return;
    // `?demo=0` opens an empty workspace (for a planner who only wants their own data, and for tests).
    if (new URLSearchParams(location.search).get('demo') === '0') return;
    const db = await this.workspace.db();
    if (await db.get('settings', FIRST_VISIT_KEY)) return;
    await db.put('settings', Date.now(), FIRST_VISIT_KEY);
    await this.load();
  }
}
