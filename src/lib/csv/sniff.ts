/**
 * Looks at the first bytes of a file before parsing: is it text at all, which encoding, which kind of
 * non-CSV file it might be. Decides from bytes so a binary file never reaches the CSV parser.
 */

/** What the first bytes say about a file. */
export interface Sniff {
  /** 'text' when it can be parsed as CSV; otherwise the kind of non-text file recognised. */
  kind: 'text' | 'empty' | 'xlsx' | 'zip' | 'xls' | 'gzip' | 'pdf' | 'image' | 'binary';
  /** Text encoding to decode with: UTF-8 unless the bytes are not valid UTF-8 (then Windows-1252, as Excel writes). */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** True when the file starts with a byte-order mark (it is removed while decoding). */
  bom: boolean;
}

/**
 * Sniffs the first bytes of a file (64 KiB is plenty). `complete` says the bytes are the whole file, so a
 * multi-byte sequence cut at the end is an error rather than the sample's edge.
 */
export function sniffBytes(bytes: Uint8Array, complete = false): Sniff {
  if (bytes.length === 0) return { kind: 'empty', encoding: 'utf-8', bom: false };
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { kind: 'text', encoding: 'utf-8', bom: true };
  if (b[0] === 0xff && b[1] === 0xfe) return { kind: 'text', encoding: 'utf-16le', bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { kind: 'text', encoding: 'utf-16be', bom: true };
  const magic = (...m: number[]) => m.every((v, i) => b[i] === v);
  // A workbook is a ZIP whose entries are named [Content_Types].xml and xl/…; any other ZIP is an archive.
  if (magic(0x50, 0x4b, 0x03, 0x04)) return { kind: isWorkbook(b) ? 'xlsx' : 'zip', encoding: 'utf-8', bom: false };
  if (magic(0xd0, 0xcf, 0x11, 0xe0)) return { kind: 'xls', encoding: 'utf-8', bom: false };
  if (magic(0x1f, 0x8b)) return { kind: 'gzip', encoding: 'utf-8', bom: false };
  if (magic(0x25, 0x50, 0x44, 0x46)) return { kind: 'pdf', encoding: 'utf-8', bom: false };
  if (magic(0x89, 0x50, 0x4e, 0x47) || magic(0xff, 0xd8, 0xff) || magic(0x47, 0x49, 0x46, 0x38)) {
    return { kind: 'image', encoding: 'utf-8', bom: false };
  }
  // Control characters other than tab, CR, LF, and the separators some exports use (0x1e, 0x1f), mean binary.
  let control = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0) return { kind: 'binary', encoding: 'utf-8', bom: false };
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 0x1e && c !== 0x1f && c !== 0x0c) control++;
  }
  if (control > Math.max(4, b.length * 0.01)) return { kind: 'binary', encoding: 'utf-8', bom: false };
  return { kind: 'text', encoding: isValidUtf8(b, !complete) ? 'utf-8' : 'windows-1252', bom: false };
}

/** True when `b` is valid UTF-8; with `allowCutEnd`, a sequence cut off by the end of a sample is allowed. */
export function isValidUtf8(b: Uint8Array, allowCutEnd = false): boolean {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return allowCutEnd;
      if ((b[i + k] & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

/** A sentence explaining why a non-text file cannot be imported, or null for text. */
/**
 * False when the ZIP's first entry is visibly not a part of an Office Open XML workbook (a plain archive); true
 * when it is one, or when the bytes stop before the entry's name (as before: most ZIPs dropped here are workbooks).
 */
function isWorkbook(bytes: Uint8Array): boolean {
  // Local file header: the name's length at offset 26 (16-bit little-endian), the name from offset 30.
  if (bytes.length < 30) return true;
  const length = bytes[26] | (bytes[27] << 8);
  if (bytes.length < 30 + length) return true;
  const name = String.fromCharCode(...bytes.subarray(30, 30 + length));
  return name === '[Content_Types].xml' || /^(xl|_rels|docProps|customXml)\//.test(name);
}

export function describeNonText(kind: Sniff['kind']): string | null {
  switch (kind) {
    case 'text':
      return null;
    case 'empty':
      return 'The file is empty (0 bytes).';
    case 'xlsx':
    case 'xls':
      return 'This is an Excel workbook, not a CSV file. In Excel, use File › Save As › CSV (comma delimited) and drop the .csv file.';
    case 'gzip':
      return 'This file is compressed (gzip). Decompress it and drop the .csv file inside.';
    case 'zip':
      return 'This is a ZIP archive, not a CSV file. Extract it and drop the .csv file inside.';
    case 'pdf':
      return 'This is a PDF document, not a CSV file.';
    case 'image':
      return 'This is an image, not a CSV file.';
    default:
      return 'This file is binary, not text: it cannot be a CSV file.';
  }
}
