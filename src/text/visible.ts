/**
 * The output boundary for text that kms-audit did not write itself (ids, names, tags, policy Sids, AWS error messages,
 * file contents): every character that could steer a terminal, a log viewer or a reader's eye is shown as an escape.
 * C0 controls (ESC, CR, LF, TAB, BEL...), DEL, C1 controls (including the 8-bit CSI and OSC), Unicode line and
 * paragraph separators, and bidirectional formatting characters become `\x1b`, `\u{202e}`...; a backslash stays a
 * backslash. Callers add their own newlines and colour codes after this.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;

function escapeOf(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}

/** The text with every unsafe character made visible (see above). */
export function visible(text: string): string {
  return text.replace(UNSAFE, escapeOf);
}

/** True when the text holds a character visible() would escape. */
export function hasUnsafeCharacters(text: string): boolean {
  return text.search(UNSAFE) !== -1;
}
