import { Chalk, type ChalkInstance } from "chalk";
import type { Finding } from "../engine/types.js";
import type { Hop } from "../model/types.js";
import type { Severity } from "../rules/types.js";
import { hasUnsafeCharacters, visible } from "../text/visible.js";
import type { Formatter } from "./context.js";
import { sortNotEvaluated, sortToolErrors } from "./order.js";
import { groupByResource, type ResourceGroup } from "./resource-groups.js";
import { relativeSnapshotPath } from "./snapshot-path.js";
import { summarize } from "./summary.js";
import { summaryLine } from "./terminal-summary.js";
import { componentLabel, ESCAPED_COMMANDS, STATUS_MARK, subnetLabel, verdictLabel } from "./text.js";
import { TOOL_NAME } from "./tool.js";

function severityStyle(chalk: ChalkInstance, severity: Severity): (text: string) => string {
  return severity === "error" ? chalk.red.bold : severity === "warning" ? chalk.yellow.bold : chalk.blue;
}

function hopStyle(chalk: ChalkInstance, hop: Hop): (text: string) => string {
  return hop.status === "fail" ? chalk.red : hop.status === "unknown" ? chalk.yellow : hop.status === "pass" ? chalk.green : chalk.dim;
}

/** The hops that block or leave the path unknown; when a finding has none (cost, quota), all its evidence. */
function shownEvidence(finding: Finding): readonly Hop[] {
  const blocking = finding.evidence.filter((hop) => hop.status === "fail" || hop.status === "unknown");
  return blocking.length > 0 ? blocking : finding.evidence;
}

function hopLines(chalk: ChalkInstance, hop: Hop, indent: string): string[] {
  const style = hopStyle(chalk, hop);
  const lines = [`${indent}${style(STATUS_MARK[hop.status])} ${componentLabel(hop.component)} ${chalk.dim(`[${visible(hop.code)}]`)} ${visible(hop.detail)}`];
  if (hop.setting) lines.push(`${indent}  ${chalk.dim("change:")} ${visible(hop.setting)}`);
  return lines;
}

function findingLines(chalk: ChalkInstance, finding: Finding): string[] {
  const label = severityStyle(chalk, finding.severity)(finding.severity);
  const suppressed = finding.suppression ? ` ${chalk.dim(`(suppressed: ${visible(finding.suppression.reason)})`)}` : "";
  const lines = [`  ${label} ${chalk.bold(finding.ruleId)}${suppressed}`, `    ${visible(finding.message)}`];
  for (const hop of shownEvidence(finding)) lines.push(...hopLines(chalk, hop, "      "));
  if (finding.remediation.commands.length > 0) {
    lines.push(`    ${chalk.dim("fix:")}`);
    for (const command of finding.remediation.commands) lines.push(`      ${chalk.cyan(`$ ${visible(command)}`)}`);
    if (finding.remediation.commands.some(hasUnsafeCharacters)) lines.push(`      ${chalk.dim(ESCAPED_COMMANDS)}`);
  } else if (finding.remediation.text) {
    lines.push(`    ${chalk.dim("fix:")} ${visible(finding.remediation.text)}`);
  }
  return lines;
}

function groupLines(chalk: ChalkInstance, group: ResourceGroup): string[] {
  const { resource } = group;
  const arn = resource.arn ? ` ${chalk.dim(visible(resource.arn))}` : chalk.dim(` (${visible(`${resource.account}/${resource.region}`)})`);
  const title = visible(resource.type === "lambda-function" ? `function ${group.displayName}` : `${resource.type} ${resource.id}`);
  const lines = [`${chalk.bold(title)}${arn}`];
  for (const path of group.paths) {
    const verdict = path.verdict.startsWith("reachable") ? chalk.green(verdictLabel(path)) : path.verdict === "blocked" ? chalk.red(verdictLabel(path)) : chalk.yellow(verdictLabel(path));
    lines.push(`  ${subnetLabel(path)} → ${visible(path.service)}: ${verdict}`);
  }
  for (const finding of group.findings) lines.push(...findingLines(chalk, finding));
  return lines;
}

/** A readable report grouped by resource, ending with the summary line. */
export const formatTerminal: Formatter = (result, context) => {
  const chalk = new Chalk({ level: context.colorLevel });
  const sections: string[][] = [[chalk.bold(`${TOOL_NAME} ${context.toolVersion}`) + chalk.dim(` · ${visible(relativeSnapshotPath(context.snapshotPath, context.workingDirectory))}`)]];
  const present = result.findings.filter((f) => f.baselineState !== "absent");
  for (const group of groupByResource(present, result.paths)) sections.push(groupLines(chalk, group));
  if (result.notEvaluated.length > 0) {
    sections.push([
      chalk.bold("Not evaluated"),
      ...sortNotEvaluated(result.notEvaluated).map((n) => `  ${visible(`${n.ruleId} in ${n.account}/${n.region}: ${n.reason}`)}`),
    ]);
  }
  if (result.toolErrors.length > 0) {
    sections.push([chalk.bold.red("Tool errors"), ...sortToolErrors(result.toolErrors).map((e) => `  ${visible(`${e.ruleId}: ${e.message}`)}`)]);
  }
  sections.push([summaryLine(summarize(result))]);
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
};
