import { readFileSync } from "node:fs";
import { parse } from "yaml";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

describe("examples and docs for CI", () => {
  it("docs/config.md shows examples/.kms-audit.yml verbatim", () => {
    const doc = readFileSync("docs/config.md", "utf8");
    const example = readFileSync("examples/.kms-audit.yml", "utf8");
    const shown = /## Full example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(shown).toBe(example);
  });

  describe("examples/github-actions.yml", () => {
    const workflow = parse(readFileSync("examples/github-actions.yml", "utf8")) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Step[] }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const index = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);

    it("asks for OIDC, code scanning upload and read-only contents", () => {
      expect(workflow.permissions).toEqual({ "id-token": "write", "security-events": "write", contents: "read" });
    });

    it("assumes a role, scans to SARIF without failing, uploads it with a category, then enforces", () => {
      const credentials = index((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@") === true);
      const sarif = index((s) => s.run?.includes("--format sarif --output kms-audit.sarif --fail-on never") === true);
      const upload = index((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@") === true);
      const summary = index((s) => s.run?.includes("--format markdown") === true && s.run.includes("$GITHUB_STEP_SUMMARY"));
      const enforce = index((s) => s.run?.includes("--fail-on error") === true);
      expect(steps[credentials]?.with?.["role-to-assume"]).toBeDefined();
      expect(steps[upload]?.with).toEqual(expect.objectContaining({ sarif_file: "kms-audit.sarif", category: expect.stringContaining("kms-audit") }));
      expect(credentials).toBeGreaterThanOrEqual(0);
      expect([credentials < sarif, sarif < upload, upload < enforce, summary < enforce]).toEqual([true, true, true, true]);
      expect(steps[sarif]?.run).not.toContain("--baseline");
    });

    it("installs kms-audit with the repository's action pinned by a full commit SHA, before the role is assumed, never from npm", () => {
      const install = index((s) => s.uses?.startsWith("kms-audit/kms-audit@") === true);
      const credentials = index((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@") === true);
      expect(steps[install]?.uses).toMatch(/^kms-audit\/kms-audit@[0-9a-f]{40}$/);
      expect(steps[install]?.with).toEqual({ command: "none" });
      expect(install).toBeGreaterThanOrEqual(0);
      expect(install).toBeLessThan(credentials);
      for (const step of steps) expect(step.run ?? "").not.toMatch(/npm (install|i|exec)\b|npx /);
    });
  });
});
