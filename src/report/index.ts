import type { Formatter } from "./context.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatMarkdown } from "./markdown.js";
import { formatSarif } from "./sarif.js";
import { formatTerminal } from "./terminal.js";

export const formatters = {
  terminal: formatTerminal,
  json: formatJson,
  sarif: formatSarif,
  markdown: formatMarkdown,
  junit: formatJunit,
} as const satisfies Readonly<Record<string, Formatter>>;

export type FormatName = keyof typeof formatters;

export const FORMAT_NAMES = Object.keys(formatters) as readonly FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}

export type { ColorLevel, Formatter, InputDescription, ReportContext } from "./context.js";
export { renderExplain, renderNotInVpc } from "./explain.js";
export { renderRuleDoc, renderRuleTable } from "./rule-doc.js";
