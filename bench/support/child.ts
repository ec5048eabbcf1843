import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { resolve as resolvePath } from "node:path";

/** Runs a JavaScript file in a fresh Node process and returns its stdout. */
export function runNodeChild(entry: string, args: readonly string[], nodeArgs: readonly string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, entry, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const out = Buffer.concat(chunks).toString("utf8");
      if (code === 0) resolve(out);
      else reject(new Error(`${entry} ${args.join(" ")} exited with ${code}: ${out.slice(-2000)}`));
    });
  });
}

/** The last line of a child's stdout, parsed as JSON: how bench children hand back their measurements. */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "null") as T;
}

export interface MeasuredRun {
  /** Wall time from spawn to exit, start-up included. */
  readonly ms: number;
  readonly maxRssBytes: number;
  /** User + system CPU time of the process (all its threads). */
  readonly cpuMs: number;
  readonly stderr: string;
}

/** Runs `node <args>` to completion with bench/support/report-usage.mjs loaded: wall time, peak RSS, CPU time. */
export async function runMeasured(args: readonly string[], usageFile: string, env: NodeJS.ProcessEnv = process.env): Promise<MeasuredRun> {
  rmSync(usageFile, { force: true });
  const start = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", resolvePath("bench/support/report-usage.mjs"), ...args], { env: { ...env, KMS_AUDIT_USAGE_FILE: usageFile }, stdio: ["ignore", "ignore", "pipe"] });
    const chunks: Buffer[] = [];
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (exit) => resolve({ code: exit, stderr: Buffer.concat(chunks).toString("utf8") }));
  });
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`node ${args.join(" ").slice(0, 300)} exited with ${code}: ${stderr.slice(-2000)}`);
  const usage = JSON.parse(readFileSync(usageFile, "utf8")) as { maxRssBytes: number; cpuMs: number };
  return { ms, ...usage, stderr };
}
