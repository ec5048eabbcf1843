/**
 * Issue 12's bounds, as counts: the 1,000-function synthetic account's terminal report is at most a tenth of the
 * 9,378 lines the report had before root causes, and loses no finding (the JSON report, which keeps every finding, is
 * the control); the bundled example fits one 24-line screen at 80 columns.
 */
import { readFileSync } from "node:fs";
import { syntheticSnapshot } from "../../bench/synthetic.js";
import { scan } from "../../src/engine/scan.js";
import { formatters } from "../../src/report/index.js";
import { rootCauses } from "../../src/report/root-causes.js";
import { rules } from "../../src/rules/index.js";
import { parseSnapshot } from "../../src/snapshot/load.js";
import type { ReportContext } from "../../src/report/index.js";
import { runCli } from "../cli/support/run-cli.js";

const LINES_BEFORE = 9378;

function contextFor(text: string, path: string): ReportContext {
  return { snapshot: JSON.parse(text) as ReportContext["snapshot"], snapshotPath: path, snapshotText: text, workingDirectory: process.cwd(), toolVersion: "0.1.0", colorLevel: 0, rules: rules.map((r) => r.meta), width: 80 };
}

describe("a 1,000-function account", () => {
  const text = JSON.stringify(syntheticSnapshot({ functions: 1000, seed: 1 }));
  const result = scan(parseSnapshot(text, "synthetic.json"));
  const context = contextFor(text, "synthetic.json");
  const terminal = formatters.terminal(result, context);

  it("takes at most a tenth of the lines it took before", () => {
    const lines = terminal.split("\n").length - 1;
    expect(result.paths.length).toBeGreaterThan(1000);
    expect(lines).toBeLessThanOrEqual(LINES_BEFORE / 10);
  });

  it("loses no finding: every finding of the JSON report is in a root cause whose headline the terminal shows", () => {
    const json = JSON.parse(formatters.json(result, context)) as { findings: { fingerprint: string }[] };
    const causes = rootCauses(result.findings);
    const shown = causes.flatMap((c) => [...c.findings, ...c.absorbed].map((f) => f.fingerprint));
    expect([...shown].sort()).toEqual(json.findings.map((f) => f.fingerprint).sort());
    for (const cause of causes) {
      // its own section's headline, or an "also" line in the section of the root cause with the same fix
      const headline = new RegExp(`^(?:|  also )${cause.severity} ${cause.lead.ruleId}\\b`, "m");
      expect({ rule: cause.lead.ruleId, shown: headline.test(terminal) }).toEqual({ rule: cause.lead.ruleId, shown: true });
    }
    const headlines = terminal.split("\n").filter((l) => /^(error|warning|note) /.test(l)).length;
    // root causes with the same fix share a section, the others name it on an "also" line
    expect(headlines + (terminal.match(/^ {2}also /gm) ?? []).length).toBe(causes.length);
  });

  it("--verbose lists every function of a root cause", () => {
    const verbose = formatters.terminal(result, { ...context, verbose: true });
    const widest = rootCauses(result.findings).reduce((a, b) => (b.functions.length > a.functions.length ? b : a));
    for (const fn of widest.functions) expect(verbose).toContain(fn.name);
    expect(verbose).not.toContain("--verbose lists them");
  });
});

describe("the bundled example (npm run example)", () => {
  it("fits on one 24-line screen at 80 columns", async () => {
    const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { example: string } }).scripts.example;
    const args = script.replace(/^npm run build && node dist\/cli\/main\.js /, "").split(" ");
    const run = await runCli(args);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n").slice(0, -1);
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
  });
});
