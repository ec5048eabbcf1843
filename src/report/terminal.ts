import { Chalk } from "chalk";
import type { Finding, ScanResult } from "../engine/types.js";
import type { PathResult } from "../model/types.js";
import { naturalCompare } from "../text/natural.js";
import { visible } from "../text/visible.js";
import type { Formatter, ReportContext } from "./context.js";
import { inputOf, inputText, scopeText } from "./input.js";
import { wrap } from "./layout.js";
import { severityRank, sortNotEvaluated, sortToolErrors } from "./order.js";
import { functionsOf, rootCauses, SUMMARY_RULES, type RootCause } from "./root-causes.js";
import { summarize } from "./summary.js";
import { blockedPathKey, causeLines, hopKey, severityStyle, type Term } from "./terminal-cause.js";
import { summaryLine } from "./terminal-summary.js";
import { plural } from "./text.js";
import { TOOL_NAME } from "./tool.js";

/** The terminal's width when nothing says otherwise (not a terminal, tests): 80 columns. */
export const DEFAULT_WIDTH = 80;

function headerLines(t: Term): string[] {
  const { chalk, context } = t;
  const config = context.configFile === undefined ? "no config file" : `config ${visible(context.configFile)}`;
  return [
    ...wrap([{ text: `${TOOL_NAME} ${visible(context.toolVersion)}`, style: chalk.bold }, { text: ` · ${visible(inputText(inputOf(context), context.workingDirectory))}` }], t.width, "", "  "),
    ...wrap({ text: `${visible(scopeText(context))} · ${config}`, style: chalk.dim }, t.width, "", "  "),
  ];
}

function functionKey(path: PathResult): string {
  return path.function.arn ?? path.function.id;
}

/** Functions all of whose paths are reachable and that no finding concerns. */
function passingFunctions(result: ScanResult, findings: readonly Finding[]): PathResult[][] {
  const concerned = new Set(findings.flatMap((f) => functionsOf(f).map((fn) => fn.arn ?? fn.name)));
  const byFunction = new Map<string, PathResult[]>();
  for (const path of result.paths) byFunction.set(functionKey(path), [...(byFunction.get(functionKey(path)) ?? []), path]);
  return [...byFunction.values()]
    .filter((paths) => paths.every((p) => p.verdict.startsWith("reachable")) && !concerned.has(functionKey(paths[0]!)) && !concerned.has(paths[0]!.functionName))
    .sort((a, b) => naturalCompare(a[0]!.functionName, b[0]!.functionName));
}

function passingLines(t: Term, passing: readonly PathResult[][]): string[] {
  const { chalk } = t;
  const lines = [chalk.bold(`Passing (${passing.length})`)];
  for (const paths of passing) {
    const services = [...new Set(paths.map((p) => p.service))].sort();
    const ways = services.map((service) => {
      const via = [...new Set(paths.filter((p) => p.service === service).map((p) => p.via?.id ?? p.verdict))].sort(naturalCompare);
      return `${visible(service)} via ${visible(via.join(", "))}`;
    });
    const subnets = new Set(paths.map((p) => p.subnetId)).size;
    lines.push(...wrap([{ text: "✓", style: chalk.green }, ` ${visible(paths[0]!.functionName)}: ${ways.join("; ")} (${plural(subnets, "subnet")})`], t.width, "  ", "    "));
  }
  return lines;
}

/** Findings of the baseline that are gone, one line each. */
function fixedLines(t: Term, fixed: readonly Finding[]): string[] {
  const { chalk } = t;
  const lines = [chalk.bold(`Fixed since the baseline (${fixed.length})`)];
  for (const finding of [...fixed].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || naturalCompare(a.resource.id, b.resource.id))) {
    const what = visible(finding.headline ?? finding.message);
    const text = `${finding.severity} ${finding.ruleId} ${visible(finding.resource.id)}: ${what}`;
    const room = t.width - 4;
    const line = text.length > room ? `${text.slice(0, room - 1)}…` : text;
    lines.push(`  ${chalk.green("✓")} ${line}`);
  }
  return lines;
}

/** Root causes with the same fix commands are one section: the first (most severe) prints the fix, the others are named in it. */
function blocksOf(causes: readonly RootCause[]): { cause: RootCause; also: RootCause[] }[] {
  const blocks: { cause: RootCause; also: RootCause[] }[] = [];
  const byFix = new Map<string, { cause: RootCause; also: RootCause[] }>();
  for (const cause of causes) {
    const commands = cause.lead.suppression === undefined ? cause.lead.remediation.commands.join("\n") : "";
    const earlier = commands === "" ? undefined : byFix.get(commands);
    if (earlier !== undefined) {
      earlier.also.push(cause);
      continue;
    }
    const block = { cause, also: [] };
    blocks.push(block);
    if (commands !== "") byFix.set(commands, block);
  }
  return blocks;
}

function hiddenText(causes: readonly RootCause[], shown: readonly RootCause[], context: ReportContext): string | undefined {
  const hidden = causes.length - shown.length;
  if (hidden === 0) return undefined;
  return `${plural(hidden, "less severe problem")} not shown (--severity ${context.showSeverity ?? "note"}; --severity note shows all)`;
}

/**
 * The report for people: a header naming what was scanned, then one section per root cause (most severe first, those
 * about components before those about single functions), each a headline, a few lines of evidence, the functions it
 * concerns and one fix; then what was fixed since a baseline, what was not evaluated, and the summary. Wrapped to the
 * terminal's width; --verbose adds every hop, function and message.
 */
export const formatTerminal: Formatter = (result, context) => {
  const chalk = new Chalk({ level: context.colorLevel });
  const blockedPaths = new Map<string, PathResult[]>();
  for (const path of result.paths) {
    if (path.verdict !== "blocked") continue;
    const key = blockedPathKey(functionKey(path), path.service);
    blockedPaths.set(key, [...(blockedPaths.get(key) ?? []), path]);
  }
  const causes = rootCauses(result.findings);
  const threshold = severityRank(context.showSeverity ?? "note");
  const shown = causes.filter((c) => severityRank(c.severity) <= threshold);
  const reporters = new Map<string, Finding[]>();
  for (const cause of shown) {
    for (const finding of cause.findings) {
      if (SUMMARY_RULES.has(finding.ruleId) || finding.suppression !== undefined) continue;
      for (const hop of finding.evidence) reporters.set(hopKey(hop), [...(reporters.get(hopKey(hop)) ?? []), finding]);
    }
  }
  const t: Term = { chalk, width: Math.max(40, context.width ?? DEFAULT_WIDTH), verbose: context.verbose === true, context, blockedPaths, reporters };
  const sections: string[][] = [headerLines(t)];
  for (const block of blocksOf(shown)) sections.push(causeLines(t, block.cause, block.also));
  if (causes.length === 0) sections.push([chalk.green("No problems found.")]);
  const present = result.findings.filter((f) => f.baselineState !== "absent");
  const passing = passingFunctions(result, present);
  if (context.showPassing === true && passing.length > 0) sections.push(passingLines(t, passing));
  const fixed = result.findings.filter((f) => f.baselineState === "absent");
  if (fixed.length > 0) sections.push(fixedLines(t, fixed));
  if (result.notEvaluated.length > 0) {
    sections.push([
      chalk.bold("Not evaluated"),
      ...sortNotEvaluated(result.notEvaluated).flatMap((n) => wrap(visible(`${n.ruleId} in ${n.account}/${n.region}: ${n.reason}`), t.width, "  ", "    ")),
    ]);
  }
  if (result.toolErrors.length > 0) {
    sections.push([chalk.bold.red("Tool errors"), ...sortToolErrors(result.toolErrors).flatMap((e) => wrap(visible(`${e.ruleId}: ${e.message}`), t.width, "  ", "    "))]);
  }
  const notes = [
    hiddenText(causes, shown, context),
    passing.length > 0 && context.showPassing !== true ? `${plural(passing.length, "function")} with nothing wrong not listed (--show-passing lists them)` : undefined,
  ].flatMap((n) => (n === undefined ? [] : [n]));
  const summary = summarize(result);
  const counts = summaryLine(summary);
  const worst = summary.findings.error > 0 ? "error" : summary.findings.warning > 0 ? "warning" : summary.findings.note > 0 ? "note" : undefined;
  // Suppressed findings are counted apart ("1 suppressed"), not as problems.
  const open = causes.filter((c) => c.lead.suppression === undefined).length;
  const problems = open === 0 ? [] : [{ text: `${plural(open, "problem")}: `, style: worst === undefined ? chalk.green.bold : severityStyle(chalk, worst) }];
  sections.push([
    ...wrap([...problems, counts], t.width, "", "  "),
    ...notes.flatMap((n) => wrap({ text: n, style: chalk.dim }, t.width, "", "  ")),
  ]);
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
};
