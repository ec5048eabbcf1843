import type { Finding } from "../engine/types.js";
import type { Hop, PathResult } from "../model/types.js";
import { hasUnsafeCharacters, visible } from "../text/visible.js";
import type { Formatter } from "./context.js";
import { pathDiagram } from "./diagram.js";
import { code, fenced, md, table } from "./markdown-text.js";
import { severityRank, sortFindings, sortNotEvaluated, sortPaths, sortToolErrors } from "./order.js";
import { relativeSnapshotPath } from "./snapshot-path.js";
import { summarize, type Summary } from "./summary.js";
import { ESCAPED_COMMANDS, STATUS_MARK } from "./text.js";
import { TOOL_NAME } from "./tool.js";

function summaryTable(summary: Summary): string {
  const reachable = summary.paths["reachable-via-endpoint"] + summary.paths["reachable-via-nat"];
  const rows: string[][] = [
    ["Errors", String(summary.findings.error)],
    ["Warnings", String(summary.findings.warning)],
    ["Notes", String(summary.findings.note)],
    ["Suppressed", String(summary.suppressed)],
    ["Functions", String(summary.functions)],
    ["Paths reachable", `${reachable} of ${summary.paths.total}`],
    ["Paths blocked", String(summary.paths.blocked)],
    ["Paths unverifiable", String(summary.paths.unverifiable)],
    ...(summary.baseline
      ? [
          ["New since baseline", String(summary.baseline.new)],
          ["Unchanged since baseline", String(summary.baseline.unchanged)],
          ["Fixed since baseline", String(summary.baseline.absent)],
        ]
      : []),
    ...(summary.notEvaluated > 0 ? [["Rules not evaluated", String(summary.notEvaluated)]] : []),
    ...(summary.toolErrors > 0 ? [["Tool errors", String(summary.toolErrors)]] : []),
  ];
  return table(["Summary", "Count"], rows, ["left", "right"]);
}

function status(finding: Finding): string {
  const parts = [
    ...(finding.baselineState === "absent" ? ["fixed since baseline"] : finding.baselineState ? [finding.baselineState] : []),
    ...(finding.suppression ? [`suppressed: ${md(finding.suppression.reason)}`] : []),
    ...(finding.expiredSuppression ? [`suppression expired ${md(finding.expiredSuppression.expires)}`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : "open";
}

/** One row per finding: what is wrong in a few words; the whole message is under its root cause or its function. */
function findingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return "No findings.";
  const rows = sortFindings(findings).map((f) => [f.severity, code(f.ruleId), code(f.resource.arn ?? f.resource.id), status(f), md(f.headline ?? f.message)]);
  return table(["Severity", "Rule", "Resource", "Status", "Problem"], rows);
}

function isOpen(finding: Finding): boolean {
  return !finding.suppression && finding.baselineState !== "absent";
}

function commandsBlock(finding: Finding): string[] {
  const { commands } = finding.remediation;
  if (commands.length === 0) return [];
  return [fenced("sh", commands.map(visible).join("\n")), ...(commands.some(hasUnsafeCharacters) ? [md(ESCAPED_COMMANDS)] : [])];
}

/** Findings about a shared component (a route table, a security group, a zone ...): the message and the fix. */
function rootCauseSections(findings: readonly Finding[]): string[] {
  const causes = sortFindings(findings).filter((f) => isOpen(f) && f.resource.type !== "lambda-function");
  if (causes.length === 0) return [];
  return [
    "## Root causes",
    ...causes.map((f) =>
      [`### ${f.severity} ${code(f.ruleId)} ${code(f.resource.id)}`, md(f.message), `${code(f.ruleId)}: ${md(f.remediation.text)}`, ...commandsBlock(f)].join("\n\n"),
    ),
  ];
}

function hopLine(hop: Hop): string {
  const setting = hop.setting ? ` Change: ${md(hop.setting)}` : "";
  return `- ${STATUS_MARK[hop.status]} ${code(`${hop.component.type} ${hop.component.id}`)} ${code(hop.code)}: ${md(hop.detail)}${setting}`;
}

function verdictText(path: PathResult): string {
  return path.via ? `${path.verdict} (${code(path.via.id)})` : path.verdict;
}

function pathSection(path: PathResult): string {
  const zone = path.availabilityZone ? ` (${path.availabilityZone})` : "";
  const parts = [`### ${code(path.subnetId)}${md(zone)} → ${md(path.service)}: ${verdictText(path)}`, fenced("mermaid", pathDiagram(path))];
  if (path.blocking.length > 0) parts.push(["Blocking hops:", "", ...path.blocking.map(hopLine)].join("\n"));
  return parts.join("\n\n");
}

function fixSection(findings: readonly Finding[], paths: readonly PathResult[]): string {
  const open = sortFindings(findings).filter(isOpen);
  const parts = ["#### Fix"];
  for (const finding of open) parts.push(md(finding.message), `${code(finding.ruleId)}: ${md(finding.remediation.text)}`, ...commandsBlock(finding));
  if (open.length === 0) {
    const settings = [...new Set(paths.flatMap((p) => p.blocking.flatMap((h) => (h.setting ? [h.setting] : []))))];
    parts.push(settings.length > 0 ? settings.map((s) => `- ${md(s)}`).join("\n") : "No open finding names a fix (see the blocking hops above).");
  }
  return parts.join("\n\n");
}

function functionKey(path: PathResult): string {
  return `${path.account}\u0000${path.region}\u0000${path.function.arn ?? path.function.id}`;
}

/** One section per function with a blocked or unverifiable path: a diagram per subnet and service, then the fix. */
function functionSections(paths: readonly PathResult[], findings: readonly Finding[]): string[] {
  const byFunction = new Map<string, PathResult[]>();
  for (const path of sortPaths(paths)) byFunction.set(functionKey(path), [...(byFunction.get(functionKey(path)) ?? []), path]);
  const sections: string[] = [];
  for (const group of byFunction.values()) {
    if (group.every((p) => p.verdict.startsWith("reachable"))) continue;
    const first = group[0]!;
    const own = findings.filter((f) => f.resource.type === "lambda-function" && f.resource.account === first.account && f.resource.region === first.region && (f.resource.arn ?? f.resource.id) === (first.function.arn ?? first.function.id));
    sections.push(
      [
        `## Function ${code(first.functionName)}`,
        `${code(first.function.arn ?? first.function.id)} · ${md(`${first.account}/${first.region}`)} · ${code(first.vpcId)}`,
        ...group.map(pathSection),
        fixSection(own, group),
      ].join("\n\n"),
    );
  }
  return sections;
}

/**
 * Markdown for pull-request comments and the GitHub job summary: a summary table, the findings in a line each, the
 * root causes (findings on shared components) with their fixes, then one section per function without a path, each
 * with a Mermaid flowchart per subnet and its own findings and fixes. Deterministic: no dates, no absolute paths.
 */
export const formatMarkdown: Formatter = (result, context) => {
  const summary = summarize(result);
  // --severity: the findings shown (the summary still counts them all)
  const threshold = severityRank(context.showSeverity ?? "note");
  const shown = result.findings.filter((f) => severityRank(f.severity) <= threshold);
  const hidden = result.findings.length - shown.length;
  const parts = [
    `# ${TOOL_NAME} report`,
    `${TOOL_NAME} ${md(context.toolVersion)} · snapshot ${code(relativeSnapshotPath(context.snapshotPath, context.workingDirectory))}`,
    summaryTable(summary),
    "## Findings",
    findingsTable(shown),
    ...(hidden > 0 ? [`${hidden} less severe finding${hidden === 1 ? "" : "s"} not shown (--severity ${md(context.showSeverity ?? "note")}).`] : []),
    ...rootCauseSections(shown),
    ...functionSections(result.paths, shown),
  ];
  if (result.notEvaluated.length > 0) {
    parts.push("## Not evaluated", sortNotEvaluated(result.notEvaluated).map((n) => `- ${code(n.ruleId)} in ${md(`${n.account}/${n.region}`)}: ${md(n.reason)}`).join("\n"));
  }
  if (result.toolErrors.length > 0) {
    parts.push("## Tool errors", sortToolErrors(result.toolErrors).map((e) => `- ${code(e.ruleId)}: ${md(e.message)}`).join("\n"));
  }
  return `${parts.join("\n\n")}\n`;
};
