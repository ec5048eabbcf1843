/**
 * Wildcard matching without backtracking regular expressions: `*` matches any run of characters (including none),
 * `?` (when enabled) exactly one, everything else itself. The pattern is cut at its stars; the first piece must start
 * the text, the last must end it, and each piece between is taken at its leftmost place (leftmost is always right for
 * star-separated pieces). Time is at most text length × pattern length, never exponential.
 */
export interface WildcardOptions {
  /** IAM patterns: `?` matches one character. Config globs: `?` is literal. */
  readonly questionMark?: boolean;
  readonly ignoreCase?: boolean;
}

function pieceAt(text: string, piece: string, at: number, questionMark: boolean): boolean {
  if (at + piece.length > text.length) return false;
  for (let i = 0; i < piece.length; i++) {
    const p = piece[i];
    if (p !== text[at + i] && !(questionMark && p === "?")) return false;
  }
  return true;
}

function find(text: string, piece: string, from: number, questionMark: boolean): number {
  for (let at = from; at + piece.length <= text.length; at++) if (pieceAt(text, piece, at, questionMark)) return at;
  return -1;
}

export function wildcardMatch(pattern: string, text: string, options: WildcardOptions = {}): boolean {
  const questionMark = options.questionMark === true;
  const p = options.ignoreCase === true ? pattern.toLowerCase() : pattern;
  const t = options.ignoreCase === true ? text.toLowerCase() : text;
  const pieces = p.split("*");
  const first = pieces[0] ?? "";
  if (pieces.length === 1) return first.length === t.length && pieceAt(t, first, 0, questionMark);
  const last = pieces[pieces.length - 1] ?? "";
  if (first.length + last.length > t.length) return false;
  if (!pieceAt(t, first, 0, questionMark) || !pieceAt(t, last, t.length - last.length, questionMark)) return false;
  let at = first.length;
  const end = t.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === "") continue;
    const found = find(t.slice(0, end), piece, at, questionMark);
    if (found === -1) return false;
    at = found + piece.length;
  }
  return true;
}
