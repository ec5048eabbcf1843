import type { Finding, ScanResult } from "../engine/types.js";

/** Whether a rule was evaluated in an account and region by this scan (so its silence there means "fixed"). */
export type EvaluatedIn = (ruleId: string, account: string, region: string) => boolean;

export interface BaselineCounts {
  readonly new: number;
  readonly unchanged: number;
  readonly absent: number;
}

/**
 * Marks each finding new or unchanged by fingerprint against the baseline's findings, and adds the baseline findings
 * no longer present as absent, with their last known data. A baseline finding whose rule was not evaluated in its
 * region this time (rule off, evidence missing, rule failed, region not scanned) is not called fixed: it is left out.
 */
export function applyBaseline(result: ScanResult, baseline: readonly Finding[], evaluatedIn: EvaluatedIn): ScanResult {
  const previous = new Map(baseline.filter((f) => f.baselineState !== "absent").map((f) => [f.fingerprint, f]));
  const current = new Set(result.findings.map((f) => f.fingerprint));
  const marked: Finding[] = result.findings.map((f) => ({ ...f, baselineState: previous.has(f.fingerprint) ? "unchanged" : "new" }));
  const absent: Finding[] = [...previous.values()]
    .filter((f) => !current.has(f.fingerprint) && evaluatedIn(f.ruleId, f.resource.account, f.resource.region))
    .map((f) => ({ ...f, baselineState: "absent" }));
  return { ...result, findings: [...marked, ...absent] };
}

export function baselineCounts(findings: readonly Finding[]): BaselineCounts {
  const count = (state: Finding["baselineState"]) => findings.filter((f) => f.baselineState === state).length;
  return { new: count("new"), unchanged: count("unchanged"), absent: count("absent") };
}

/** The findings --fail-on weighs: without a baseline all of them, with one only the new ones. */
export function findingsThatCount(findings: readonly Finding[], withBaseline: boolean): Finding[] {
  return withBaseline ? findings.filter((f) => f.baselineState === "new") : findings.filter((f) => f.baselineState !== "absent");
}
