import { deleteSimRun, listSimRuns, loadSimRun, saveSimRun, type SimRunData, type SimRunSummary } from '../../persistence/sim-runs';
import type { SimulationSession } from './simulation.svelte';
import type { Workspace } from './workspace.svelte';

/** Saved simulation runs (IndexedDB `simRuns`): the list, and save, open and delete. */
export class SimulationRuns {
  /** Saved runs, newest first. */
  list = $state.raw<SimRunSummary[]>([]);
  /** A sentence for people when storage failed. */
  error = $state<string | null>(null);
  /** Id of the run saved last (for a confirmation). */
  lastSavedId = $state<string | null>(null);

  constructor(
    private readonly workspace: Workspace,
    private readonly session: SimulationSession,
  ) {}

  /** Reloads the list. */
  async refresh(): Promise<void> {
    try {
      this.list = await listSimRuns(await this.workspace.db());
    } catch (error) {
      this.error = `Saved runs could not be read: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Saves a run under a name. */
  async save(name: string, run: SimRunData): Promise<void> {
    try {
      const saved = await saveSimRun(await this.workspace.db(), name.trim() || run.policyName, run);
      this.lastSavedId = saved.id;
      this.error = null;
      await this.refresh();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.error = /quota/i.test(text) ? `The browser's storage is full, so the run was not saved (${text}).` : `The run could not be saved: ${text}`;
    }
  }

  /** Shows a saved run in the player. */
  async open(id: string): Promise<void> {
    const data = await loadSimRun(await this.workspace.db(), id);
    if (!data) {
      this.error = 'That run is no longer saved.';
      await this.refresh();
      return;
    }
    this.session.showSaved(data);
  }

  /** Deletes a saved run. */
  async remove(id: string): Promise<void> {
    await deleteSimRun(await this.workspace.db(), id);
    await this.refresh();
  }
}
