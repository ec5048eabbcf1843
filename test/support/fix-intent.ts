/** What a fix means to run, from its data, to compare with what a real shell runs from its printed lines. */
import { scanWith } from "../../src/engine/scan.js";
import type { ScanOptions, ScanResult } from "../../src/engine/types.js";
import type { Fix, Variable, Word } from "../../src/rules/fix.js";
import { rules } from "../../src/rules/index.js";
import type { Rule, Violation } from "../../src/rules/types.js";
import type { Snapshot } from "../../src/snapshot/types.js";

/**
 * The argv of each call the fix makes, from its data: literals as they are, variables by the value set or captured.
 * The `aws` stub of shell-words.ts prints `captured-<n>` for a captured call, n counting the calls the shell itself
 * made before it plus this one (a capture runs in a subshell). A NUL byte, which no argument can hold, is printed as
 * the text \x00; text reaches the shell as UTF-8, where a lone surrogate becomes U+FFFD. Another stub names its
 * captured values through `captured(call, shellCalls)`: call is this call's number among all (from 1).
 */
export function intendedCalls(fix: Fix, captured: (call: number, shellCalls: number) => string = (_call, shellCalls) => `captured-${shellCalls + 1}`): string[][] {
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
      values.set(line.capture.variable, captured(calls.length, shellCalls));
    }
  }
  return calls.map((argv) => argv.map((arg) => Buffer.from(arg.replace(/\0/g, "\\x00"), "utf8").toString("utf8")));
}

/** A rule's violation as the engine saw it, with the finding the scan made of it. */
export interface Recorded {
  readonly ruleId: string;
  readonly violation: Violation;
}

/** scan(), keeping every rule's violations (their fix data) beside the findings. */
export function scanRecording(snapshot: Snapshot, options: ScanOptions = {}): { result: ScanResult; violations: Recorded[] } {
  const violations: Recorded[] = [];
  const recording: Rule[] = rules.map((rule) => ({
    ...rule,
    check: (context, region) => {
      const found = [...rule.check(context, region)];
      violations.push(...found.map((violation) => ({ ruleId: rule.meta.id, violation })));
      return found;
    },
  }));
  return { result: scanWith(recording, snapshot, options), violations };
}
