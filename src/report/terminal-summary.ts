import type { Summary } from "./summary.js";
import { plural } from "./text.js";

/** "3 errors, 1 warning, 0 notes · 2 functions, 4 paths: 1 reachable, 2 blocked, 1 unverifiable" */
export function summaryLine(summary: Summary): string {
  const findings = [
    plural(summary.findings.error, "error"),
    plural(summary.findings.warning, "warning"),
    plural(summary.findings.note, "note"),
  ].join(", ");
  const reachable = summary.paths["reachable-via-endpoint"] + summary.paths["reachable-via-nat"];
  const paths =
    `${plural(summary.functions, "function")}, ${plural(summary.paths.total, "path")}: ` +
    `${reachable} reachable, ${summary.paths.blocked} blocked, ${summary.paths.unverifiable} unverifiable`;
  const extras = [
    ...(summary.suppressed > 0 ? [`${summary.suppressed} suppressed`] : []),
    ...(summary.baseline ? [`baseline: ${summary.baseline.new} new, ${summary.baseline.unchanged} unchanged, ${summary.baseline.absent} fixed`] : []),
    ...(summary.notEvaluated > 0 ? [`${summary.notEvaluated} not evaluated`] : []),
    ...(summary.toolErrors > 0 ? [plural(summary.toolErrors, "tool error")] : []),
  ];
  return [findings, paths, ...extras].join(" · ");
}
