/**
 * The fix commands of the JSON report under hostile input: pasted into a real POSIX shell (sh and bash, with an `aws`
 * stub recording its arguments), every line of every finding's remediation.commands runs exactly the AWS CLI calls
 * the rule meant, each hostile value one argument, nothing else run.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { fingerprint } from "../../src/engine/fingerprint.js";
import { scan } from "../../src/engine/scan.js";
import { formatJson } from "../../src/report/json.js";
import { parseSnapshot } from "../../src/snapshot/load.js";
import { intendedCalls } from "../support/fix-intent.js";
import { shellWords } from "../support/shell-words.js";
import { FIXTURES, hostileCase, hostileScan } from "./support/hostile.js";

interface JsonFinding {
  readonly fingerprint: string;
  readonly remediation: { readonly commands: readonly string[] };
}

/** The fixtures whose findings print fix commands. */
const WITH_FIXES = FIXTURES.filter((fixture) => {
  const snapshot = parseSnapshot(readFileSync(path.join("fixtures", `${fixture}.snapshot.json`), "utf8"), fixture);
  return scan(snapshot).findings.some((f) => f.remediation.commands.length > 0);
});
const RUNS = 15;

describe.each(["sh", "bash"])("fix commands in %s under hostile input", (shell) => {
  it("every finding's commands run exactly the intended AWS CLI calls", () => {
    expect(WITH_FIXES.length).toBeGreaterThan(5);
    let checked = 0;
    fc.assert(
      // without a failed call: a gap turns the rules that print fixes into "not evaluated"
      fc.property(hostileCase(WITH_FIXES).map((c) => ({ ...c, gap: undefined })), (c) => {
        const { result, context, violations } = hostileScan(c);
        const report = JSON.parse(formatJson(result, context)) as { findings: JsonFinding[] };
        const printed = new Map(report.findings.map((f) => [f.fingerprint, f.remediation.commands]));
        for (const { ruleId, violation } of violations) {
          if (violation.fix === undefined || violation.fix.length === 0) continue;
          const commands = printed.get(fingerprint(ruleId, violation.resource, violation.key));
          expect(commands).toBeDefined();
          expect(shellWords(commands ?? [], shell)).toEqual(intendedCalls(violation.fix));
          checked += 1;
        }
      }),
      { numRuns: RUNS },
    );
    // every sample printed fixes: the property is not vacuous
    expect(checked).toBeGreaterThanOrEqual(RUNS);
  });
});
