/**
 * `npm run check:action`: the composite action (action.yml) installs and runs as a runner would run it. A copy of the
 * repository's tracked files stands for the checked-out action; its install step runs there (npm ci from the
 * lockfile without install scripts, then the build), then a scan of a bundled fixture through the inputs.
 * Not part of `npm test` (npm ci takes a while and needs the npm registry or its cache); .ci/run runs it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readAction, runActionSteps } from "../test/support/action-steps.js";

function fail(message: string): never {
  console.error(`check:action: ${message}`);
  process.exit(1);
}

const root = mkdtempSync(path.join(tmpdir(), "kms-audit-action-"));
try {
  const actionPath = path.join(root, "action");
  const workspace = path.join(root, "workspace");
  const temp = path.join(root, "runner-temp");
  for (const dir of [actionPath, workspace, temp]) mkdirSync(dir);
  const files = execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" }).split("\0").filter((f) => f !== "");
  execFileSync("tar", ["-cf", path.join(root, "action.tar"), "--", ...files]);
  execFileSync("tar", ["-xf", path.join(root, "action.tar"), "-C", actionPath]);
  writeFileSync(path.join(workspace, "snapshot.json"), readFileSync("fixtures/two-subnets-one-without-path.snapshot.json"));
  const places = { actionPath, temp, workspace, githubPath: path.join(root, "github-path"), githubOutput: path.join(root, "github-output") };
  writeFileSync(places.githubOutput, "");
  const runs = runActionSteps(readAction(path.join(actionPath, "action.yml")), { snapshot: "snapshot.json", format: "sarif", output: "kms-audit.sarif", "fail-on": "never" }, places);
  for (const run of runs) if (run.status !== 0) fail(`step "${run.name}" exited ${run.status}:\n${run.stderr}`);
  if (runs.length !== 2) fail(`expected the install and the run step, ran ${runs.length}`);
  if (readFileSync(places.githubOutput, "utf8") !== "exit-code=0\n") fail("the exit code did not reach GITHUB_OUTPUT");
  const onPath = readFileSync(places.githubPath, "utf8").trim();
  const version = execFileSync(path.join(onPath, "kms-audit"), ["--version"], { encoding: "utf8" }).trim();
  const sarif = JSON.parse(readFileSync(path.join(workspace, "kms-audit.sarif"), "utf8")) as { version?: string };
  if (sarif.version !== "2.1.0") fail("the scan wrote no SARIF report");
  console.log(`check:action: installed from a copy of the repository, kms-audit ${version} on the PATH, scanned to SARIF`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
