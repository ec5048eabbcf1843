import { readFileSync } from "node:fs";
import { parse } from "yaml";

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string>;
}

describe("pull-request workflows for templates and plans (examples/pr-*.yml)", () => {
  for (const [file, input] of [
    ["examples/pr-terraform.yml", "--template infra/plan.json"],
    ["examples/pr-cloudformation.yml", "--template template.yaml"],
    ["examples/pr-cdk.yml", "--template cdk.out"],
  ] as const) {
    it(`${file}: scans the change to SARIF without failing, uploads it with its own category, then enforces`, () => {
      const workflow = parse(readFileSync(file, "utf8")) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
      expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
      expect(workflow.permissions["security-events"]).toBe("write");
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
      const sarif = steps.findIndex((s) => s.run?.includes(input) === true && s.run.includes("--format sarif --output kms-audit.sarif --fail-on never"));
      const upload = steps.findIndex((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@") === true);
      const enforce = steps.findIndex((s) => s.run?.includes(input) === true && s.run.includes("--fail-on error"));
      expect([sarif >= 0, sarif < upload, upload < enforce]).toEqual([true, true, true]);
      expect(steps[upload]?.with).toEqual(expect.objectContaining({ sarif_file: "kms-audit.sarif", category: expect.stringMatching(/^kms-audit-/) }));
    });
  }
});
