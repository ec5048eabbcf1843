/*
 * Text laid out for a terminal of a given width: words wrapped with hanging indents, styles (colours) applied after the
 * layout so that coloured and plain output break at the same places. Text reaching here has been through visible():
 * no control characters, so a character's width is its columns on screen.
 */

/** A run of text and the style (a chalk function) to draw it with. */
export interface Span {
  readonly text: string;
  readonly style?: (text: string) => string;
}

export type Styled = string | Span | readonly (string | Span)[];

function spansOf(styled: Styled): Span[] {
  if (typeof styled === "string") return [{ text: styled }];
  if (Array.isArray(styled)) return (styled as readonly (string | Span)[]).map((s) => (typeof s === "string" ? { text: s } : s));
  return [styled as Span];
}

/** East Asian wide and fullwidth ranges (and emoji), two columns each; combining marks and zero-width characters none. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
const ZERO = /[\p{Mn}\p{Me}\u200b-\u200d\u2060]/u;

/** kms-audit's own colour codes: they take no columns. */
const SGR = /\u001b\[[0-9;]*m/g;

/** Columns the text takes on a terminal (colour codes take none). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(SGR, "")) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x300) width += 1;
    else if (ZERO.test(char)) continue;
    else width += WIDE.test(char) ? 2 : 1;
  }
  return width;
}

/** A word: pieces of one or more spans with no space between them. */
type Word = Span[];

function wordsOf(spans: readonly Span[]): Word[] {
  const words: Word[] = [];
  let current: Word = [];
  for (const span of spans) {
    const parts = span.text.split(" ");
    parts.forEach((part, i) => {
      if (i > 0 && current.length > 0) {
        words.push(current);
        current = [];
      }
      if (part !== "") current.push(span.style === undefined ? { text: part } : { text: part, style: span.style });
    });
  }
  if (current.length > 0) words.push(current);
  return words;
}

function wordWidth(word: Word): number {
  return word.reduce((sum, piece) => sum + displayWidth(piece.text), 0);
}

function render(word: Word): string {
  return word.map((piece) => (piece.style === undefined ? piece.text : piece.style(piece.text))).join("");
}

/** Splits a word too long for any line into pieces of at most `width` columns. */
function breakWord(word: Word, width: number): Word[] {
  const out: Word[] = [];
  let line: Word = [];
  let used = 0;
  for (const piece of word) {
    let chunk = "";
    for (const char of piece.text) {
      const w = displayWidth(char);
      if (used + w > width && used > 0) {
        if (chunk !== "") line.push({ ...piece, text: chunk });
        out.push(line);
        line = [];
        used = 0;
        chunk = "";
      }
      chunk += char;
      used += w;
    }
    if (chunk !== "") line.push({ ...piece, text: chunk });
  }
  if (line.length > 0) out.push(line);
  return out;
}

/**
 * The text as lines of at most `width` columns: the first line starts with `first` (an indent, or a mark), the others
 * with `rest` (the hanging indent). Words are never split unless one alone is longer than a line.
 */
export function wrap(styled: Styled, width: number, first = "", rest = first): string[] {
  const lines: string[] = [];
  let prefix = first;
  let line: Word = [];
  let used = displayWidth(prefix);
  let empty = true;
  const flush = () => {
    lines.push(prefix + renderLine(line));
    prefix = rest;
    line = [];
    used = displayWidth(rest);
    empty = true;
  };
  for (const word of wordsOf(spansOf(styled))) {
    const w = wordWidth(word);
    if (!empty && used + 1 + w > width) flush();
    const room = Math.max(1, width - used - (empty ? 0 : 1));
    if (w > room && empty) {
      const pieces = breakWord(word, room);
      pieces.forEach((piece, i) => {
        if (i > 0) flush();
        line.push(...piece);
        used += wordWidth(piece);
        empty = false;
      });
      continue;
    }
    if (!empty) {
      // the space between two words of one style takes that style, so the line is one run of it
      const before = line[line.length - 1]?.style;
      line.push(before !== undefined && before === word[0]?.style ? { text: " ", style: before } : { text: " " });
    }
    line.push(...word);
    used += (empty ? 0 : 1) + w;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(prefix + renderLine(line));
  return lines;
}

/** A line's pieces drawn with one escape sequence per run of the same style. */
function renderLine(pieces: Word): string {
  const runs: Span[] = [];
  for (const piece of pieces) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.style === piece.style) runs[runs.length - 1] = { ...last, text: last.text + piece.text };
    else runs.push(piece);
  }
  return render(runs);
}

/** Positions of the spaces where a shell command may break: outside single and double quotes (and not escaped). */
function breakPoints(command: string): number[] {
  const points: number[] = [];
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (quote === undefined && char === "\\") {
      i++;
      continue;
    }
    if (quote === '"' && char === "\\") {
      i++;
      continue;
    }
    if (char === "'" || char === '"') {
      if (quote === undefined) quote = char;
      else if (quote === char) quote = undefined;
      continue;
    }
    if (char === " " && quote === undefined) points.push(i);
  }
  return points;
}

/**
 * A shell command as lines of at most `width` columns, broken only between words (outside quotes) with a trailing
 * backslash, so that the lines pasted into sh or bash are the same command. A word longer than a line stays whole. A
 * comment line (`# ...`) wraps as comments.
 */
export function wrapCommand(command: string, width: number, first: string, rest: string, style: (text: string) => string = (t) => t): string[] {
  if (command.startsWith("#")) return wrap({ text: command.slice(1).trimStart(), style }, width, `${first}${style("#")} `, `${rest}${style("#")} `);
  const words: string[] = [];
  let from = 0;
  for (const at of breakPoints(command)) {
    if (at > from) words.push(command.slice(from, at));
    from = at + 1;
  }
  if (from < command.length) words.push(command.slice(from));
  // An option stays on the line of its value (--vpc-id vpc-0abc, not --vpc-id \ vpc-0abc) unless that takes more lines.
  const paired = fill(pairOptions(words, width - displayWidth(rest)), width, first, rest, style);
  const plain = fill(words, width, first, rest, style);
  return plain.length < paired.length ? plain : paired;
}

function pairOptions(words: readonly string[], room: number): string[] {
  const units: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (word.startsWith("--") && next !== undefined && !next.startsWith("--") && displayWidth(word) + 1 + displayWidth(next) + 2 <= room) {
      units.push(`${word} ${next}`);
      i++;
    } else units.push(word);
  }
  return units;
}

/** Units of a command on lines, each but the last ending in " \\". */
function fill(units: readonly string[], width: number, first: string, rest: string, style: (text: string) => string): string[] {
  const lines: string[] = [];
  let line = "";
  let prefix = first;
  for (const unit of units) {
    const candidate = line === "" ? unit : `${line} ${unit}`;
    // A word too long for any line stays with what precedes it (its option): breaking before it would only add a line.
    const tooLong = displayWidth(rest) + displayWidth(unit) + 2 > width;
    if (line !== "" && !tooLong && displayWidth(prefix) + displayWidth(candidate) + 2 > width) {
      lines.push(`${prefix}${style(`${line} \\`)}`);
      prefix = rest;
      line = unit;
    } else line = candidate;
  }
  lines.push(`${prefix}${style(line)}`);
  return lines;
}
