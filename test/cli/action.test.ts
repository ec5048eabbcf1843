/**
 * The composite action (action.yml): its inputs reach kms-audit as separate arguments, never as shell text, and the
 * exit code is passed on. The install step (npm ci and the build) runs in `npm run check:action` (.ci/run), not here.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readAction, runActionSteps, type RunnerPlaces } from "../support/action-steps.js";
import { CLI, removeDirectory, REPO_ROOT, scratchDirectory } from "./support/run-cli.js";

const action = readAction();
let directory = "";
let places: RunnerPlaces;

beforeAll(() => {
  directory = scratchDirectory();
  const temp = path.join(directory, "runner-temp");
  const bin = path.join(temp, "kms-audit-bin");
  mkdirSync(bin, { recursive: true });
  // What the install step leaves: a wrapper running the built CLI.
  writeFileSync(path.join(bin, "kms-audit"), `#!/bin/sh\nexec node "${CLI}" "$@"\n`);
  chmodSync(path.join(bin, "kms-audit"), 0o755);
  places = { actionPath: REPO_ROOT, temp, githubPath: path.join(directory, "github-path"), githubOutput: path.join(directory, "github-output"), workspace: REPO_ROOT };
});
afterAll(() => removeDirectory(directory));

const runStep = (inputs: Record<string, string>) => {
  writeFileSync(places.githubOutput, "");
  const [step] = runActionSteps(action, inputs, places, (s) => s.id === "run");
  return { ...step!, output: readFileSync(places.githubOutput, "utf8") };
};

describe("action.yml", () => {
  it("is a composite action whose steps use inputs only through env, never in a script", () => {
    expect(action.runs.using).toBe("composite");
    for (const step of action.runs.steps) expect(step.run ?? "").not.toMatch(/\$\{\{/);
  });

  it("installs with npm ci from the lockfile, without install scripts, then builds", () => {
    const install = action.runs.steps[0]!;
    expect(install["working-directory"]).toBe("${{ github.action_path }}");
    expect(install.run).toContain("npm ci --ignore-scripts");
    expect(install.run).toContain("npm run build");
    expect(install.run).not.toMatch(/npm (install|i) /);
  });

  it("runs a scan with the inputs as arguments and passes the exit code on", () => {
    const report = path.join(directory, "report.json");
    const run = runStep({ snapshot: "fixtures/two-subnets-one-without-path.snapshot.json", format: "json", output: report });
    expect(run.status).toBe(1);
    expect(run.output).toBe("exit-code=1\n");
    expect((JSON.parse(readFileSync(report, "utf8")) as { format: string }).format).toBe("kms-audit/report");
    const passing = runStep({ snapshot: "fixtures/two-subnets-one-without-path.snapshot.json", "fail-on": "never", args: "--format\njson\n" });
    expect(passing.status).toBe(0);
    expect(passing.output).toBe("exit-code=0\n");
    expect(JSON.parse(passing.stdout)).toEqual(expect.objectContaining({ format: "kms-audit/report" }));
  });

  it("hands hostile input to kms-audit as one argument, which no shell expands", () => {
    const marker = path.join(directory, "pwned");
    const run = runStep({ snapshot: `x$(touch ${marker})\`touch ${marker}\`;touch ${marker}`, args: `--fail-on\nnever; touch ${marker}` });
    expect(run.status).toBe(2);
    expect(existsSync(marker)).toBe(false);
    expect(run.stderr).toMatch(/^kms-audit: /);
  });

  it("refuses a command other than scan, collect or none", () => {
    const run = runStep({ command: "explain" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("command must be scan, collect or none");
  });
});
