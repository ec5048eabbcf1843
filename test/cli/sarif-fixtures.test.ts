import { readdirSync } from "node:fs";
import path from "node:path";
import { errorsOf, validateSarifFiles } from "../report/support/multitool.js";
import { runCli } from "./support/run-cli.js";

describe("SARIF of every fixture", () => {
  it("passes the SARIF Multitool with GitHub's rules (Sarif;Gh) with zero errors", async () => {
    const fixtures = readdirSync("fixtures").filter((name) => name.endsWith(".snapshot.json")).sort();
    expect(fixtures.length).toBeGreaterThan(0);
    const sarif: Record<string, string> = {};
    for (const name of fixtures) {
      const run = await runCli(["scan", "--snapshot", path.join("fixtures", name), "--format", "sarif", "--fail-on", "never"]);
      expect({ name, code: run.code, stderr: run.stderr }).toEqual({ name, code: 0, stderr: "" });
      sarif[name.replace(/\.snapshot\.json$/, ".sarif")] = run.stdout;
    }
    const problems = await validateSarifFiles(sarif);
    expect(errorsOf(problems)).toEqual([]);
  });
});
