import type { Finding } from "../engine/types.js";
import type { Severity } from "../rules/types.js";

export const FAIL_ON_VALUES = ["error", "warning", "note", "never"] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, note: 1 };

export function isFailOn(value: string): value is FailOn {
  return (FAIL_ON_VALUES as readonly string[]).includes(value);
}

/** 1 when an unsuppressed finding is at or above the threshold, else 0. */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): 0 | 1 {
  if (failOn === "never") return 0;
  const threshold = RANK[failOn];
  return findings.some((f) => !f.suppression && RANK[f.severity] >= threshold) ? 1 : 0;
}
