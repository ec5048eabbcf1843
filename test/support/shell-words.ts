import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * How a real POSIX shell splits command lines into words: the lines run in `shell` with a function `aws` standing in
 * for the AWS CLI. It records its arguments (one argv per call, in call order) and, when called with --query, prints
 * `captured-<n>` as the value a real call would print, so that a `VAR=$(aws ...)` line assigns a known value.
 */
export function shellWords(lines: readonly string[], shell = "sh"): string[][] {
  const dir = mkdtempSync(path.join(tmpdir(), "kms-audit-words-"));
  const log = path.join(dir, "argv");
  try {
    const stub = [
      "n=0",
      'aws() { n=$((n+1)); printf "%s\\0" aws "$@" >>"$ARGV_LOG"; printf "\\036" >>"$ARGV_LOG";',
      '  for a in "$@"; do if [ "$a" = "--query" ]; then printf "captured-%s\\n" "$n"; fi; done; }',
    ];
    execFileSync(shell, ["-c", [...stub, ...lines].join("\n")], { env: { ...process.env, ARGV_LOG: log }, encoding: "utf8" });
    let text = "";
    try {
      text = readFileSync(log, "utf8");
    } catch {
      return [];
    }
    return text
      .split("\u001e")
      .slice(0, -1)
      .map((record) => record.split("\u0000").slice(0, -1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
