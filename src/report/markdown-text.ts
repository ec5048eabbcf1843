import { visible } from "../text/visible.js";

/*
 * The Markdown boundary (PR comments, job summaries): text from the snapshot, the config or a baseline is one line,
 * with every control and bidirectional character made visible (visible()), and renders as written.
 */

function oneLine(text: string): string {
  return visible(text.replace(/\s*\n\s*/g, " "));
}

/**
 * Words GitHub would turn into more than text: an @mention (it notifies the user or team), a link (a URL, www., an
 * e-mail address) or an issue reference (#12, GH-12, owner/repo#12). GitHub finds these after rendering, so neither
 * a backslash nor an entity (&#64;) stops them; a code span does.
 */
const LINKING_WORD = /@|:\/\/|www\.|#\d|\bgh-\d/i;

function escapeText(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`).replace(/&/g, "&amp;");
}

function codeSpan(flat: string): string {
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  // A | would end a table cell even inside a code span (GFM), so it is written \|; a backslash of the data just before
  // it would turn that into \\| (an escaped backslash, then a bare |), so such a backslash is shown as \x5c.
  return `${fence}${pad}${flat.replace(/\\(?=\|)/g, "\\x5c").replace(/\|/g, "\\|")}${pad}${fence}`;
}

/** A word GitHub would link, as code; brackets, quotes and punctuation around it stay text. */
function linkingWord(word: string): string {
  const [, head = "", core = word, tail = ""] = /^([('"]*)(.*?)([.,;:!?)'"]*)$/su.exec(word) ?? [];
  return LINKING_WORD.test(core) ? `${escapeText(head)}${codeSpan(core)}${escapeText(tail)}` : codeSpan(word);
}

/** Markdown text that renders as written: syntax characters escaped, words GitHub would link shown as code. */
export function md(text: string): string {
  return oneLine(text)
    .split(/(\s+)/)
    .map((part, index) => (index % 2 === 1 ? part : LINKING_WORD.test(part) ? linkingWord(part) : escapeText(part)))
    .join("");
}

/** An inline code span that holds any text (a fence longer than any backtick run inside). */
export function code(text: string): string {
  return codeSpan(oneLine(text));
}

/** A fenced block that no line of the content can close early; each line made visible. */
export function fenced(language: string, content: string): string {
  const lines = content.split("\n").map(visible).join("\n");
  const longest = Math.max(2, ...[...lines.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${lines.endsWith("\n") ? lines : `${lines}\n`}${fence}`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ("left" | "right")[] = []): string {
  const rule = header.map((_, i) => (align[i] === "right" ? "---:" : "---"));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
