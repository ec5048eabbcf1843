import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** What a captured `VAR=$(aws ... --query Q --output text)` receives from the stub: fixid-<n>, n the call's number. */
export const CAPTURED = /fixid-([0-9]+)/g;

export interface ShellRun {
  /** One argv per `aws` call, in call order (call n is calls[n - 1]). */
  readonly calls: readonly (readonly string[])[];
}

/**
 * Runs fix lines as a user pasting them would, in `shell` with `set -eu` (an unset variable is an error), where a
 * function `aws` stands in for the AWS CLI: it records its argv and, for a call with --query, prints fixid-<n>. The
 * call counter lives in a file, because a `$(...)` capture runs the stub in a subshell.
 */
export function runFixLines(lines: readonly string[], shell: "sh" | "bash"): ShellRun {
  const dir = mkdtempSync(path.join(tmpdir(), "kms-audit-fix-"));
  const log = path.join(dir, "argv");
  const counter = path.join(dir, "n");
  writeFileSync(counter, "0\n");
  writeFileSync(log, "");
  try {
    const stub = [
      "set -eu",
      "aws() {",
      '  read -r n < "$FIX_COUNTER"; n=$((n + 1)); echo "$n" > "$FIX_COUNTER"',
      '  printf "%s\\0" "$(($# + 1))" aws "$@" >> "$FIX_ARGV"',
      '  for a in "$@"; do if [ "$a" = "--query" ]; then printf "fixid-%s\\n" "$n"; fi; done',
      "}",
    ];
    execFileSync(shell, ["-c", [...stub, ...lines].join("\n")], { env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", FIX_COUNTER: counter, FIX_ARGV: log }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    // Each call: its argument count, then the arguments, every field NUL-terminated (no argument can hold a NUL).
    const fields = readFileSync(log, "utf8").split("\u0000").slice(0, -1);
    const calls: string[][] = [];
    for (let i = 0; i < fields.length; ) {
      const count = Number(fields[i]);
      calls.push(fields.slice(i + 1, i + 1 + count));
      i += 1 + count;
    }
    return { calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
