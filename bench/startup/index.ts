import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { atMost, expectTrue, info, median, round, type Figure } from "../support/figures.js";

const FIXTURE = "fixtures/nat-path-works.snapshot.json";
const SCAN = ["dist/cli/main.js", "scan", "--snapshot", FIXTURE, "--format", "json"];
const AWS_SDK = /\/node_modules\/(@aws-sdk|@smithy)\//;

function wallMs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): { ms: number; status: number | null; stdout: string } {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return { ms: performance.now() - start, status: run.status, stdout: run.stdout };
}

/** Modules a command resolves, through the recording loader hook. */
function modulesLoaded(args: readonly string[], workDir: string, name: string): string[] {
  const file = join(workDir, `${name}.modules.txt`);
  rmSync(file, { force: true });
  wallMs(["--import", resolve("bench/startup/record-modules.mjs"), ...args], { ...process.env, KMS_AUDIT_MODULE_LOG: file });
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter((l) => l !== "") : [];
}

/**
 * Whole-process wall time of a snapshot scan against `node -e 0` (median of `runs`, interleaved, after one warm-up of
 * each so the file cache is warm), and a census of the modules a scan loads: no AWS SDK. A positive control (a process
 * that does import the SDK) proves the census would see it.
 */
export function runStartup(options: { readonly runs: number; readonly workDir: string; readonly log: (figure: Figure) => void }): Figure[] {
  mkdirSync(options.workDir, { recursive: true });
  if (!existsSync("dist/cli/main.js")) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
  const check = wallMs(SCAN);
  if (check.status !== 0 && check.status !== 1) throw new Error(`the scan exited with ${check.status}`);
  wallMs(["-e", "0"]);
  const node: number[] = [];
  const scan: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    node.push(wallMs(["-e", "0"]).ms);
    scan.push(wallMs(SCAN).ms);
  }
  const scanModules = modulesLoaded(SCAN, options.workDir, "scan");
  const sdkModules = scanModules.filter((url) => AWS_SDK.test(url));
  const control = modulesLoaded(["--input-type=module", "-e", 'import "@aws-sdk/client-sts";'], options.workDir, "control");
  const figures = [
    info(`start-up node -e 0 median of ${options.runs}`, round(median(node), 1), "ms"),
    info(`start-up kms-audit scan --snapshot ${FIXTURE} median of ${options.runs}`, round(median(scan), 1), "ms"),
    atMost("start-up scan/node", round(median(scan) / median(node), 2), 3),
    info("start-up modules resolved by the scan", scanModules.length),
    expectTrue("start-up scan loads no AWS SDK module", sdkModules.length === 0 && scanModules.length > 0, "true"),
    expectTrue("start-up census sees the SDK when it is imported (control)", control.some((url) => AWS_SDK.test(url)), "true"),
  ];
  for (const figure of figures) options.log(figure);
  return figures;
}
