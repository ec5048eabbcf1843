import fc from "fast-check";
import { scan } from "../../src/engine/scan.js";
import { buildVariant as build, variant } from "../support/scenario-variants.js";

describe("scan over generated scenarios", () => {
  it("never throws, never reports a tool error, and renders every message and command completely", () => {
    fc.assert(
      fc.property(variant, (v) => {
        const result = scan(build(v));
        expect(result.toolErrors).toEqual([]);
        for (const finding of result.findings) {
          expect(finding.message).not.toMatch(/\{\{|undefined|NaN/);
          for (const command of finding.remediation.commands) expect(command).toMatch(/^(# [^\n]*|[A-Z_]+=.*|(?:[A-Z_]+=\$\()?aws [^\n]*--region ap-northeast-1.*)$/);
          expect(finding.fingerprint).toMatch(/^[0-9a-f]{64}$/);
        }
        expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(result.findings.length);
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });

  it("reports a function without a KMS path exactly when the model blocks it, at error when its code calls KMS", () => {
    fc.assert(
      fc.property(variant, (v) => {
        const result = scan(build(v));
        const blocked = result.paths.some((p) => p.service === "kms" && p.verdict === "blocked");
        const summary = result.findings.filter((f) => f.ruleId === "lambda-no-kms-path" && f.key === "kms");
        const evaluated = !result.notEvaluated.some((n) => n.ruleId === "lambda-no-kms-path");
        expect(summary.length).toBe(blocked && evaluated ? 1 : 0);
        for (const f of summary) expect(f.severity).toBe(v.evidence === "plain" ? "note" : "error");
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
