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
import type { Fix, Variable, Word } from "../../src/rules/fix.js";
import { shellWords } from "../support/shell-words.js";
import { FIXTURES, hostileCase, hostileScan } from "./support/hostile.js";

/**
 * The argv of each call the fix makes, from its data: literals as they are, variables by the value set or captured.
 * The `aws` stub prints `captured-<n>` for a captured call, n counting the calls the shell itself made before it
 * plus this one (a capture runs in a subshell). A NUL byte, which no argument can hold, is printed as the text \x00;
 * text reaches the shell as UTF-8, where a lone surrogate becomes U+FFFD.
 */
function intendedCalls(fix: Fix): string[][] {
  const values = new Map<string, string>();
  const calls: string[][] = [];
  let shellCalls = 0;
  const valueOf = (v: Variable) => values.get(v.variable) ?? "";
  const resolve = (w: Word): string =>
    typeof w === "string" ? w : "variable" in w ? valueOf(w) : w.join.map((part) => (typeof part === "string" ? part : valueOf(part))).join("");
  for (const line of fix) {
    if (line.kind === "set") values.set(line.variable, line.value.replace(/\0/g, "\\x00"));
    if (line.kind !== "run") continue;
    const argv = line.argv.map(resolve);
    if (line.capture === undefined) {
      calls.push(argv);
      shellCalls += 1;
    } else {
      calls.push([...argv, "--query", line.capture.query, "--output", "text"]);
      values.set(line.capture.variable, `captured-${shellCalls + 1}`);
    }
  }
  return calls.map((argv) => argv.map((arg) => Buffer.from(arg.replace(/\0/g, "\\x00"), "utf8").toString("utf8")));
}

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
