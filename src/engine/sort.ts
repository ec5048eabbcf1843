import type { Severity } from "../rules/types.js";
import { naturalCompare } from "../text/natural.js";
import type { Finding } from "./types.js";

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Severity first, then rule, account, region, resource id and key (names in natural order: fn-2 before fn-10). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resource.account, b.resource.account) ||
    compareText(a.resource.region, b.resource.region) ||
    naturalCompare(a.resource.id, b.resource.id) ||
    naturalCompare(a.key ?? "", b.key ?? "")
  );
}
