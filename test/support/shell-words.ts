import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * How a real POSIX shell splits command lines into words: the lines run in `shell` with a function `aws` standing in
 * for the AWS CLI. It records its arguments (one argv per call, in call order, framed by their count so that any byte
 * but NUL may stand in them) and, when called with --query, prints `captured-<n>` as the value a real call would
 * print, so that a `VAR=$(aws ...)` line assigns a known value.
 */
export function shellWords(lines: readonly string[], shell = "sh"): string[][] {
  const dir = mkdtempSync(path.join(tmpdir(), "kms-audit-words-"));
  const log = path.join(dir, "argv");
  try {
    const stub = [
      "n=0",
      'aws() { n=$((n+1)); printf "%s\\0" "$(($# + 1))" aws "$@" >>"$ARGV_LOG";',
      '  for a in "$@"; do if [ "$a" = "--query" ]; then printf "captured-%s\\n" "$n"; fi; done; }',
    ];
    execFileSync(shell, ["-c", [...stub, ...lines].join("\n")], { env: { ...process.env, ARGV_LOG: log }, encoding: "utf8" });
    let text = "";
    try {
      text = readFileSync(log, "utf8");
    } catch {
      return [];
    }
    // each call: its argument count, then the arguments, every field NUL-terminated (no argument can hold a NUL)
    const fields = text.split("\u0000").slice(0, -1);
    const calls: string[][] = [];
    for (let i = 0; i < fields.length; ) {
      const count = Number(fields[i]);
      calls.push(fields.slice(i + 1, i + 1 + count));
      i += 1 + count;
    }
    return calls;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
