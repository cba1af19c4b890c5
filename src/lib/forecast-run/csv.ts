/**
 * CSV text for exports: RFC 4180 quoting, and text cells that a spreadsheet would run as a formula (starting
 * with = + - @, tab or CR) prefixed with an apostrophe, as OWASP recommends. Numbers are written as numbers.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r\u2212]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
