import { hasUnsafeCharacters } from "../text/visible.js";

/** Every character visible() escapes is in the Basic Multilingual Plane: one UTF-16 unit, one \uXXXX. */
function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * JSON for report files (JSON and SARIF), safe to `cat` into a terminal: JSON.stringify already escapes C0 controls
 * and lone surrogates; every other character visible() would escape (DEL, C1 controls, bidirectional formatting,
 * U+2028/2029, U+FEFF) is written as a \uXXXX escape too. Such characters can only stand inside JSON strings, where
 * the escape parses back to the same character: same data, no raw control byte. Ordinary text is left as it is.
 */
export function reportJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[^\u0020-\u007e\n]/gu, (char) => (hasUnsafeCharacters(char) ? unicodeEscape(char) : char))}\n`;
}
