import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Snapshot } from "../../../src/snapshot/types.js";

export const REPO_ROOT = path.resolve(".");
export const CLI = path.join(REPO_ROOT, "dist/cli/main.js");

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly nodeArgs?: readonly string[];
}

/** A clean environment: no colour variables inherited from the test runner. */
function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LANG: "C.UTF-8" };
}

/** Runs `node dist/cli/main.js ...args` (built by `npm test` / `npm run build`). */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...baseEnv(), ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export function stderrLines(run: CliRun): string[] {
  return run.stderr.split("\n").filter((line) => line !== "");
}

/** A scratch directory per test file; remove it in afterAll. */
export function scratchDirectory(): string {
  return mkdtempSync(path.join(tmpdir(), "kms-audit-cli-"));
}

export function removeDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}

export function writeSnapshot(directory: string, name: string, snapshot: Snapshot): string {
  const file = path.join(directory, name);
  writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`);
  return file;
}
