/**
 * Properties over generated snapshots (every combination of the traps, the "maybe" shapes included): no error rests on
 * a maybe, every fix runs in a real shell exactly as its data says, and every fix the checker can apply is proven.
 */
import fc from "fast-check";
import type { Finding, ScanResult } from "../../src/engine/types.js";
import type { Hop } from "../../src/model/types.js";
import { fingerprint } from "../../src/engine/fingerprint.js";
import { checkFinding, hasCommand } from "../support/fix-checker/check.js";
import { runFixLines } from "../support/fix-checker/run-fix.js";
import { intendedCalls, scanRecording } from "../support/fix-intent.js";
import { buildVariant, variant } from "../support/scenario-variants.js";

function sameHop(a: Hop, b: Hop): boolean {
  return a.component.id === b.component.id && a.code === b.code && a.direction === b.direction && a.status === b.status;
}

/** A hop that definitely fails on a path that is definitely blocked. */
function restsOnAFailure(finding: Finding, result: ScanResult): boolean {
  const blocked = result.paths.filter((p) => p.verdict === "blocked");
  return finding.evidence.some((hop) => hop.status === "fail" && blocked.some((p) => p.blocking.some((b) => sameHop(b, hop))));
}

describe("over generated snapshots", () => {
  it("no finding at error severity rests only on unknown hops (or on a path that may go another way)", () => {
    let errors = 0;
    fc.assert(
      fc.property(variant, (v) => {
        const { result } = scanRecording(buildVariant(v));
        for (const finding of result.findings.filter((f) => f.severity === "error" && f.evidence.length > 0)) {
          errors += 1;
          expect([finding.ruleId, finding.message, restsOnAFailure(finding, result)]).toEqual([finding.ruleId, finding.message, true]);
        }
        // A finding whose every hop is a maybe is a note, worded "may".
        for (const finding of result.findings.filter((f) => f.evidence.length > 0 && f.evidence.every((h) => h.status === "unknown"))) {
          expect([finding.ruleId, finding.severity]).toEqual([finding.ruleId, "note"]);
        }
      }),
      { numRuns: 200, seed: 20261210 },
    );
    expect(errors).toBeGreaterThan(50);
  });

  it("every fix line tokenises in sh and bash (with set -eu) into exactly the argv its data intends", () => {
    let checked = 0;
    fc.assert(
      fc.property(variant, (v) => {
        const { result, violations } = scanRecording(buildVariant(v));
        const printed = new Map(result.findings.map((f) => [f.fingerprint, f.remediation.commands]));
        // Every finding's lines in a subshell of their own (nothing leaks between fixes), all in one shell run.
        const script: string[] = [];
        const intended: string[][] = [];
        for (const { ruleId, violation } of violations) {
          if (violation.fix === undefined || !violation.fix.some((line) => line.kind === "run")) continue;
          const lines = printed.get(fingerprint(ruleId, violation.resource, violation.key)) ?? [];
          // A value left for the user to choose is answered, as a user would, before the lines run.
          script.push("(", ...lines.map((line) => line.replace(/^([A-Z_][A-Z0-9_]*)=''$/, "$1=chosen")), ")");
          const fix = violation.fix.map((line) => (line.kind === "set" && line.value === "" ? { ...line, value: "chosen" } : line));
          const offset = intended.length;
          intended.push(...intendedCalls(fix, (call) => `fixid-${offset + call}`));
          checked += 1;
        }
        for (const shell of ["sh", "bash"] as const) expect(runFixLines(script, shell).calls).toEqual(intended);
      }),
      { numRuns: 20, seed: 1210 },
    );
    expect(checked).toBeGreaterThan(20);
  });

  it("every fix the simulator can apply is proven: the finding gone, no new error, no working path or route lost", () => {
    let proven = 0;
    fc.assert(
      fc.property(
        variant.filter((v) => v.failedCall === "none"),
        (v) => {
          const snapshot = buildVariant(v);
          const { result } = scanRecording(snapshot);
          for (const finding of result.findings.filter(hasCommand)) {
            // sh only: the property above holds sh and bash to the same argv.
            const check = checkFinding(snapshot, finding, result, { shells: ["sh"] });
            if (check.verdict === "proven") proven += 1;
          }
        },
      ),
      { numRuns: 20, seed: 4242 },
    );
    expect(proven).toBeGreaterThan(20);
  });
});
