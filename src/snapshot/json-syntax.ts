/**
 * Finds where a JSON text stops being JSON, and what was expected there. Runs only after JSON.parse has failed,
 * because V8's messages differ between Node versions and often carry no position.
 */
import { LineIndex } from "./json-scan.js";

export interface JsonSyntaxError {
  readonly offset: number;
  readonly expected: string;
}

type State = "value" | "firstValueOrEnd" | "firstKeyOrEnd" | "key" | "colon" | "commaOrEnd" | "done";

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS = ["true", "false", "null"] as const;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX4 = /^[0-9a-fA-F]{4}$/;

const EXPECTED_AT_END: Readonly<Record<State, string>> = {
  value: "expected a JSON value",
  firstValueOrEnd: "expected a JSON value or ']'",
  firstKeyOrEnd: "expected a property name in double quotes or '}'",
  key: "expected a property name in double quotes",
  colon: "expected ':'",
  commaOrEnd: "expected ',' or a closing bracket",
  done: "",
};

function isWhitespace(c: string | undefined): boolean {
  return c === " " || c === "\n" || c === "\r" || c === "\t";
}

/** The offset just past the string starting at `start` (a double quote), or the error inside it. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') return i + 1;
    if (c === "\\") {
      const next = text[i + 1];
      if (next === "u") {
        if (!HEX4.test(text.slice(i + 2, i + 6))) return { offset: i, expected: "expected \\u followed by 4 hex digits" };
        i += 6;
      } else if (next !== undefined && ESCAPES.has(next)) {
        i += 2;
      } else {
        return { offset: i, expected: "expected a valid escape sequence after '\\'" };
      }
    } else if (c.charCodeAt(0) < 0x20) {
      return { offset: i, expected: "expected no raw control character inside a string (escape it)" };
    } else {
      i += 1;
    }
  }
  return { offset: text.length, expected: "expected the closing '\"' of a string; the file ends early (truncated?)" };
}

/** The offset just past a literal or number at `i`, or undefined when neither starts there. */
function scanScalar(text: string, i: number): number | undefined {
  for (const literal of LITERALS) if (text.startsWith(literal, i)) return i + literal.length;
  NUMBER.lastIndex = i;
  return NUMBER.test(text) ? NUMBER.lastIndex : undefined;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: string[] = [];
  let state: State = "value";
  let i = 0;
  const afterValue = (): State => (stack.length === 0 ? "done" : "commaOrEnd");
  while (true) {
    while (isWhitespace(text[i])) i += 1;
    if (i >= text.length) {
      if (state === "done") return undefined;
      return { offset: text.length, expected: `${EXPECTED_AT_END[state]}; the file ends early (truncated?)` };
    }
    const c = text[i] as string;
    if (state === "done") return { offset: i, expected: "expected the end of the file after the top-level value" };
    if (state === "colon") {
      if (c !== ":") return { offset: i, expected: "expected ':' after the property name" };
      i += 1;
      state = "value";
      continue;
    }
    if (state === "commaOrEnd") {
      const close = stack.at(-1) === "{" ? "}" : "]";
      if (c === ",") {
        i += 1;
        state = close === "}" ? "key" : "value";
      } else if (c === close) {
        stack.pop();
        i += 1;
        state = afterValue();
      } else {
        return { offset: i, expected: `expected ',' or '${close}'` };
      }
      continue;
    }
    if (state === "firstKeyOrEnd" || state === "key") {
      if (state === "firstKeyOrEnd" && c === "}") {
        stack.pop();
        i += 1;
        state = afterValue();
        continue;
      }
      if (c !== '"') return { offset: i, expected: EXPECTED_AT_END[state] };
      const end = scanString(text, i);
      if (typeof end !== "number") return end;
      i = end;
      state = "colon";
      continue;
    }
    if (state === "firstValueOrEnd" && c === "]") {
      stack.pop();
      i += 1;
      state = afterValue();
      continue;
    }
    if (c === "{" || c === "[") {
      stack.push(c);
      i += 1;
      state = c === "{" ? "firstKeyOrEnd" : "firstValueOrEnd";
      continue;
    }
    const end = c === '"' ? scanString(text, i) : scanScalar(text, i);
    if (end === undefined) return { offset: i, expected: EXPECTED_AT_END[state] };
    if (typeof end !== "number") return end;
    i = end;
    state = afterValue();
  }
}

/**
 * Where a text that JSON.parse refused stops being JSON ("line L column C") and what was expected there, never
 * quoting the text: JSON.parse's own message shows the text around the fault, which may hold a secret.
 */
export function describeJsonSyntaxError(text: string): { readonly place: string; readonly expected: string } {
  const syntax = findJsonSyntaxError(text) ?? { offset: 0, expected: "expected valid JSON" };
  const { line, column } = new LineIndex(text).at(syntax.offset);
  return { place: `line ${line} column ${column}`, expected: syntax.expected };
}
