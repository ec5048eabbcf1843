import type { ScanResult } from "../engine/types.js";
import type { Verdict } from "../model/types.js";
import type { Severity } from "../rules/types.js";
import { SEVERITIES, VERDICTS } from "./order.js";

export interface Summary {
  readonly findings: Readonly<Record<Severity, number>>;
  readonly suppressed: number;
  readonly functions: number;
  readonly paths: Readonly<Record<Verdict, number>> & { readonly total: number };
  readonly notEvaluated: number;
  readonly toolErrors: number;
  /** Findings by baseline state, when the scan ran against a baseline (absent ones are in no other count). */
  readonly baseline?: { readonly new: number; readonly unchanged: number; readonly absent: number };
}

/** Counts of unsuppressed, present findings by severity and of paths by verdict. */
export function summarize(result: ScanResult): Summary {
  const findings = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  const baseline = { new: 0, unchanged: 0, absent: 0 };
  for (const finding of result.findings) {
    if (finding.baselineState) baseline[finding.baselineState] += 1;
    if (finding.baselineState === "absent") continue;
    if (finding.suppression) suppressed += 1;
    else findings[finding.severity] += 1;
  }
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const path of result.paths) verdicts[path.verdict] += 1;
  const functions = new Set([
    ...result.paths.map((p) => p.function.arn ?? p.function.id),
    ...result.findings.filter((f) => f.resource.type === "lambda-function" && f.baselineState !== "absent").map((f) => f.resource.arn ?? f.resource.id),
  ]);
  return {
    findings,
    suppressed,
    functions: functions.size,
    paths: { total: result.paths.length, ...verdicts },
    notEvaluated: result.notEvaluated.length,
    toolErrors: result.toolErrors.length,
    ...(result.findings.some((f) => f.baselineState) ? { baseline } : {}),
  };
}
