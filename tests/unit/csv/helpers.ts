import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile, inspectFile, type ImportOutcome } from '../../../src/lib/csv/import';
import type { ColumnMapping, ImportRole } from '../../../src/lib/csv/mapping';

/** ../shared/data beside the repo, where the real public files live (absent on some machines). */
export const SHARED_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
export const hasSharedData = existsSync(SHARED_DATA);
export const SKIP_MESSAGE = `real data folder ${SHARED_DATA} is absent: tests on the public retail files are skipped`;

/** A Blob of a file under ../shared/data. */
export function sharedBlob(relative: string): Blob {
  return new Blob([readFileSync(resolve(SHARED_DATA, relative))]);
}

/** Inspects and imports a Blob as `role`, with an optional mapping edit, the way the worker does. */
export async function importBlob(
  blob: Blob,
  role: ImportRole,
  edit: (m: ColumnMapping) => ColumnMapping = (m) => m,
): Promise<ImportOutcome & { inspection: Awaited<ReturnType<typeof inspectFile>> }> {
  const inspection = await inspectFile(blob, role);
  const outcome = await importFile(blob, {
    inspection,
    mapping: edit(inspection.mapping),
    id: 'test',
    name: 'test',
    fileName: 'test.csv',
    createdAt: 0,
  });
  return { ...outcome, inspection };
}

/** Imports CSV text. */
export function importText(text: string | Uint8Array, role: ImportRole = 'sales', edit?: (m: ColumnMapping) => ColumnMapping) {
  return importBlob(new Blob([text as BlobPart]), role, edit);
}
