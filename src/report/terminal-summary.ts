import type { Summary } from "./summary.js";
import { plural } from "./text.js";

/**
 * "3 errors, 1 note · 2 functions, 4 paths: 1 reachable, 2 blocked, 1 unverifiable": findings by severity (those with
 * none left out, "no findings" when there is none), then functions and paths.
 */
export function summaryLine(summary: Summary): string {
  const severities = [plural(summary.findings.error, "error"), plural(summary.findings.warning, "warning"), plural(summary.findings.note, "note")].filter((t) => !t.startsWith("0 "));
  const findings = severities.length === 0 ? "no findings" : severities.join(", ");
  const reachable = summary.paths["reachable-via-endpoint"] + summary.paths["reachable-via-nat"];
  const verdicts = [`${reachable} reachable`, `${summary.paths.blocked} blocked`, `${summary.paths.unverifiable} unverifiable`].filter((t, i) => i === 0 || !t.startsWith("0 "));
  const paths = `${plural(summary.functions, "function")}, ${plural(summary.paths.total, "path")}: ${verdicts.join(", ")}`;
  const extras = [
    ...(summary.suppressed > 0 ? [`${summary.suppressed} suppressed`] : []),
    ...(summary.baseline ? [`baseline: ${summary.baseline.new} new, ${summary.baseline.unchanged} unchanged, ${summary.baseline.absent} fixed`] : []),
    ...(summary.notEvaluated > 0 ? [`${summary.notEvaluated} not evaluated`] : []),
    ...(summary.toolErrors > 0 ? [plural(summary.toolErrors, "tool error")] : []),
  ];
  return [findings, paths, ...extras].join(" · ");
}
