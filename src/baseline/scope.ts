import type { ScanResult } from "../engine/types.js";
import type { Severity } from "../rules/types.js";
import type { Snapshot } from "../snapshot/types.js";
import type { EvaluatedIn } from "./apply.js";

/** What this scan evaluated: regions in the snapshot, rules not turned off, not "not evaluated", not failed. */
export function evaluatedScope(snapshot: Snapshot, result: ScanResult, severity: Readonly<Record<string, Severity | "off">> = {}): EvaluatedIn {
  const failed = new Set(result.toolErrors.map((e) => e.ruleId));
  const skipped = new Set(result.notEvaluated.map((n) => `${n.ruleId}\u0000${n.account}\u0000${n.region}`));
  return (ruleId, account, region) =>
    snapshot.accounts[account]?.regions[region] !== undefined &&
    severity[ruleId] !== "off" &&
    !failed.has(ruleId) &&
    !skipped.has(`${ruleId}\u0000${account}\u0000${region}`);
}
