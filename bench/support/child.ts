import { spawn } from "node:child_process";

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
