/** Markdown text that renders as written: every character CommonMark or GFM could read as syntax is escaped. */
export function md(text: string): string {
  return text
    .replace(/\s*\n\s*/g, " ")
    .replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;");
}

/** An inline code span that holds any text (a fence longer than any backtick run inside). */
export function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, " ");
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  // a | would end a table cell even inside a code span (GFM)
  return `${fence}${pad}${flat.replace(/\|/g, "\\|")}${pad}${fence}`;
}

/** A fenced block that no line of the content can close early. */
export function fenced(language: string, content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${content.endsWith("\n") ? content : `${content}\n`}${fence}`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ("left" | "right")[] = []): string {
  const rule = header.map((_, i) => (align[i] === "right" ? "---:" : "---"));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
