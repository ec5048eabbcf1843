import { Chalk } from "chalk";
import type { RuleMeta } from "../rules/types.js";
import type { ColorLevel } from "./context.js";
import { ruleHelpUri } from "./tool.js";

/** The `kms-audit rules` table: id, severity, category, title; one rule a line, sorted by id. */
export function renderRuleTable(rules: readonly RuleMeta[], colorLevel: ColorLevel): string {
  const chalk = new Chalk({ level: colorLevel });
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = [["RULE", "SEVERITY", "CATEGORY", "TITLE"], ...sorted.map((r) => [r.id, r.severity, r.category, r.title])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  const lines = rows.map((row, index) => {
    const text = row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join("  ").trimEnd();
    return index === 0 ? chalk.bold(text) : text;
  });
  return `${lines.join("\n")}\n`;
}

/** One rule's doc for the terminal, from the same metadata as docs/rules/<id>.md. */
export function renderRuleDoc(rule: RuleMeta, colorLevel: ColorLevel): string {
  const chalk = new Chalk({ level: colorLevel });
  const lines = [
    chalk.bold(`${rule.id}: ${rule.title}`),
    `severity ${rule.severity} · category ${rule.category} · security-severity ${rule.securitySeverity.toFixed(1)}`,
    "",
    chalk.bold("Why"),
    rule.rationale,
    "",
    chalk.bold("How to fix"),
    rule.remediation.text,
    ...(rule.remediation.cli.length > 0 ? ["", ...rule.remediation.cli.map((command) => chalk.cyan(`  $ ${command}`))] : []),
    ...(rule.references.length > 0 ? ["", chalk.bold("References"), ...rule.references.map((r) => `  ${r}`)] : []),
    "",
    chalk.dim(ruleHelpUri(rule.id)),
  ];
  return `${lines.join("\n")}\n`;
}
