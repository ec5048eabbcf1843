import type { Finding, NotEvaluated } from "../engine/types.js";
import type { PathResult, Verdict } from "../model/types.js";
import type { Severity } from "../rules/types.js";
import { naturalCompare } from "../text/natural.js";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "note"];
export const VERDICTS: readonly Verdict[] = ["reachable-via-endpoint", "reachable-via-nat", "blocked", "unverifiable"];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A key whose text compares in natural order (names, ids): fn-2 before fn-10. */
export interface Natural {
  readonly natural: string;
}

function natural(text: string): Natural {
  return { natural: text };
}

function compareBy<T>(...keys: ((item: T) => string | number | Natural)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      const order =
        typeof x === "number" && typeof y === "number"
          ? x - y
          : typeof x === "object" && typeof y === "object"
            ? naturalCompare(x.natural, y.natural)
            : compareText(String(x), String(y));
      if (order !== 0) return order;
    }
    return 0;
  };
}

/** Most severe first, then by rule, place and resource (names in natural order); the fingerprint breaks any remaining tie. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    compareBy<Finding>(
      (f) => severityRank(f.severity),
      (f) => f.ruleId,
      (f) => f.resource.account,
      (f) => f.resource.region,
      (f) => f.resource.type,
      (f) => natural(f.resource.id),
      (f) => natural(f.key ?? ""),
      (f) => f.fingerprint,
    ),
  );
}

export function sortPaths(paths: readonly PathResult[]): PathResult[] {
  return [...paths].sort(
    compareBy<PathResult>(
      (p) => p.account,
      (p) => p.region,
      (p) => natural(p.functionName),
      (p) => natural(p.function.arn ?? p.function.id),
      (p) => natural(p.subnetId),
      (p) => p.service,
    ),
  );
}

export function sortNotEvaluated(items: readonly NotEvaluated[]): NotEvaluated[] {
  return [...items].sort(
    compareBy<NotEvaluated>(
      (n) => n.account,
      (n) => n.region,
      (n) => n.ruleId,
      (n) => n.reason,
    ),
  );
}

export function sortToolErrors<T extends { readonly ruleId: string; readonly message: string }>(items: readonly T[]): T[] {
  return [...items].sort(
    compareBy<T>(
      (e) => e.ruleId,
      (e) => e.message,
    ),
  );
}
