/**
 * Runs the writes of one readwrite transaction as a unit. Invariants: either every queued request commits or
 * none does; a request that throws synchronously (the quota, an uncloneable value) aborts the transaction
 * before it can auto-commit the requests queued before it; no request promise is left to reject unhandled.
 */
export async function allOrNothing(
  tx: { abort(): void; done: Promise<void> },
  queueWrites: (queue: (write: Promise<unknown>) => void) => Promise<void> | void,
): Promise<void> {
  const writes: Promise<unknown>[] = [];
  try {
    await queueWrites((write) => writes.push(write));
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    for (const w of writes) w.catch(() => undefined);
    await tx.done.catch(() => undefined);
    throw error;
  }
}
