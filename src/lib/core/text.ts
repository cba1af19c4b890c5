/**
 * Bidirectional-text controls in names. A right-to-left override in a file name makes "‮gnp.exe" display as
 * "exe.png"; names from files or typed by people are stored without these invisible controls, so every view shows
 * a name as its characters run (Unicode TR9 explicit formatting characters and the implicit marks).
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `name` without bidirectional controls (embeddings, overrides, isolates, marks). */
export function withoutBidiControls(name: string): string {
  return name.replace(BIDI_CONTROLS, '');
}
