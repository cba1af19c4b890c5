/** File names for downloads (issue #14, point 15): what the file holds, the dataset's name and the date, never an id. */

/** A name cleaned for file systems: letters, digits, dots and dashes; spaces and the rest become single dashes. */
export function fileSafe(name: string): string {
  return name.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'dataset';
}

/** `what-dataset-YYYY-MM-DD.ext`, dated today (local time). */
export function downloadName(what: string, datasetName: string, ext: string, now = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `${fileSafe(what)}-${fileSafe(datasetName)}-${day}.${ext}`;
}
