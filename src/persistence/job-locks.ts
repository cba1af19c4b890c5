/**
 * Web Locks that say which jobs are alive. The realm running a job holds `shelfcast-job:<id>` until the job ends;
 * the browser releases it when that tab closes or that worker dies, so a lock held means "running elsewhere",
 * a lock missing means "interrupted". Where `navigator.locks` is missing (old browsers, Node) nothing is held.
 */

const PREFIX = 'shelfcast-job:';

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: Array<{ name?: string }> }>;
}

function locks(): LockManagerLike | null {
  return (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks ?? null;
}

const releases = new Map<string, () => void>();

/** Takes the job's lock (resolves once held); a second call for the same job does nothing. */
export async function holdJobLock(jobId: string): Promise<void> {
  const manager = locks();
  if (!manager || releases.has(jobId)) return;
  await new Promise<void>((granted) => {
    void manager.request(PREFIX + jobId, () => {
      granted();
      return new Promise<void>((release) => releases.set(jobId, release));
    });
  });
}

/** Releases the job's lock, if this realm holds it. */
export function releaseJobLock(jobId: string): void {
  releases.get(jobId)?.();
  releases.delete(jobId);
}

/** Ids of the jobs whose lock some tab or worker of this origin holds now. */
export async function heldJobLocks(): Promise<Set<string>> {
  const manager = locks();
  if (!manager) return new Set();
  const { held = [] } = await manager.query();
  return new Set(held.map((l) => l.name ?? '').filter((n) => n.startsWith(PREFIX)).map((n) => n.slice(PREFIX.length)));
}

/** Resolves once no one holds the job's lock (taking it for an instant); never where Web Locks are missing. */
export function waitForJobLock(jobId: string): Promise<void> {
  const manager = locks();
  if (!manager) return new Promise(() => undefined);
  return manager.request(PREFIX + jobId, async () => undefined);
}
