import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/run.js";
import { errorsOf, validateSarif } from "../report/support/multitool.js";

const FIXTURES = path.resolve("fixtures");
const TWO_SUBNETS = path.join(FIXTURES, "two-subnets-one-without-path.snapshot.json");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process in a directory, on a fixed date. */
async function cli(args: readonly string[], cwd: string, today = "2026-06-15"): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutIsTTY: false,
    env: {},
    cwd,
    now: () => new Date(`${today}T12:00:00Z`),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

function findings(run: Run): { ruleId: string; message: string; suppression: unknown; expiredSuppression: unknown; baselineState: string | null }[] {
  return (JSON.parse(run.stdout) as { findings: never[] }).findings;
}

describe("scan with a configuration and a baseline", () => {
  let directory = "";
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), "kms-audit-ci-"));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const suppressKms = (expires: string) =>
    `suppressions:\n  - rule: lambda-no-kms-path\n    resource: "arn:aws:lambda:*:function:decrypt-*"\n    reason: endpoint rollout NET-412\n    expires: ${expires}\n`;

  it("fails without the suppression, passes with it, and keeps the finding in JSON", async () => {
    expect((await cli(["scan", "--snapshot", TWO_SUBNETS], directory)).code).toBe(1);
    writeFileSync(path.join(directory, ".kms-audit.yml"), suppressKms("2026-06-30"));
    const run = await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", "json"], directory);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    const [kms] = findings(run);
    expect(kms?.suppression).toEqual({ reason: "endpoint rollout NET-412", expires: "2026-06-30", source: ".kms-audit.yml: suppressions[0]" });
    expect((JSON.parse(run.stdout) as { summary: { findings: unknown } }).summary.findings).toEqual({ error: 0, warning: 0, note: 1, suppressed: 1 });
    const terminal = await cli(["scan", "--snapshot", TWO_SUBNETS, "--width", "200"], directory);
    expect(terminal.stdout).toMatch(/^1 problem: 1 note · .* · 1 suppressed\n/m);
    expect(terminal.stdout).toMatch(/^error lambda-no-kms-path decrypt-orders: .* · suppressed: endpoint rollout NET-412$/m);
  });

  it("brings an expired suppression back as a failing finding that says it expired", async () => {
    writeFileSync(path.join(directory, ".kms-audit.yml"), suppressKms("2026-06-14"));
    const run = await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", "json"], directory);
    expect(run.code).toBe(1);
    const [kms] = findings(run);
    expect(kms?.suppression).toBeNull();
    expect(kms?.expiredSuppression).toEqual({ reason: "endpoint rollout NET-412", expires: "2026-06-14", source: ".kms-audit.yml: suppressions[0]" });
    expect(kms?.message.endsWith("[Suppression expired on 2026-06-14 (.kms-audit.yml: suppressions[0]): endpoint rollout NET-412]")).toBe(true);
  });

  it("reads --config from elsewhere and applies its rule settings", async () => {
    const config = path.join(directory, "audit.json");
    writeFileSync(config, JSON.stringify({ rules: { "lambda-no-kms-path": "warning", "nat-where-privatelink": "off" } }));
    const run = await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", "json", "--config", config], directory);
    expect(run.code).toBe(0);
    expect(findings(run).map((f) => f.ruleId)).toEqual(["lambda-no-kms-path"]);
    expect((await cli(["scan", "--snapshot", TWO_SUBNETS, "--config", config, "--fail-on", "warning"], directory)).code).toBe(1);
  });

  it("rejects a bad configuration with one line and exit 2, writing no report", async () => {
    writeFileSync(path.join(directory, ".kms-audit.yml"), "rules:\n  lambda-no-kms-pth: off\n");
    const output = path.join(directory, "report.json");
    const run = await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", "json", "--output", output], directory);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "kms-audit: .kms-audit.yml: rules.lambda-no-kms-pth: unknown rule id (did you mean lambda-no-kms-path?)\n" });
    expect(() => readFileSync(output)).toThrow();
  });

  it("with a baseline, fails on new findings only and lists fixed ones as absent", async () => {
    const before = path.join(directory, "before.json");
    const first = await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", "json", "--output", before], directory);
    expect(first.code).toBe(1);
    const same = await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", "json", "--baseline", before], directory);
    expect(same.code).toBe(0);
    expect(findings(same).map((f) => f.baselineState)).toEqual(["unchanged", "unchanged"]);

    // the NAT path fixture: the intermittent KMS path is fixed; the note stays
    const fixed = await cli(["scan", "--snapshot", path.join(FIXTURES, "nat-path-works.snapshot.json"), "--format", "json", "--baseline", before], directory);
    expect(fixed.code).toBe(0);
    expect(findings(fixed).find((f) => f.ruleId === "lambda-no-kms-path")?.baselineState).toBe("absent");
    expect((JSON.parse(fixed.stdout) as { summary: { findings: { error: number } } }).summary.findings.error).toBe(0);

    const worse = await cli(["scan", "--snapshot", path.join(FIXTURES, "no-path.snapshot.json"), "--format", "json", "--baseline", path.join(directory, "none.json")], directory);
    expect(worse).toEqual({ code: 2, stdout: "", stderr: `kms-audit: ${path.join(directory, "none.json")}: --baseline: expected an earlier kms-audit JSON report (no such file)\n` });
  });

  it("fails with a baseline when a new error appears", async () => {
    const before = path.join(directory, "before.json");
    await cli(["scan", "--snapshot", path.join(FIXTURES, "nat-path-works.snapshot.json"), "--format", "json", "--output", before], directory);
    const run = await cli(["scan", "--snapshot", path.join(FIXTURES, "no-path.snapshot.json"), "--format", "json", "--baseline", before], directory);
    expect(run.code).toBe(1);
    expect(findings(run).find((f) => f.ruleId === "lambda-no-kms-path")?.baselineState).toBe("new");
  });

  it("rejects a baseline that is not a JSON report", async () => {
    const snapshotAsBaseline = await cli(["scan", "--snapshot", TWO_SUBNETS, "--baseline", TWO_SUBNETS], directory);
    expect(snapshotAsBaseline.code).toBe(2);
    expect(snapshotAsBaseline.stderr).toBe(`kms-audit: ${TWO_SUBNETS}: $.format: expected "kms-audit/report" (a kms-audit JSON report, --format json), found string "kms-audit/snapshot"\n`);
  });

  it.each(["json", "sarif", "markdown", "junit"])("gives byte-identical %s for the same input and date", async (format) => {
    writeFileSync(path.join(directory, ".kms-audit.yml"), suppressKms("2026-06-30"));
    const first = await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", format, "--fail-on", "never"], directory);
    const second = await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", format, "--fail-on", "never"], directory);
    expect(first.stdout.length).toBeGreaterThan(100);
    expect(second.stdout).toBe(first.stdout);
  });

  it("writes SARIF with suppressions and baseline states that passes the SARIF Multitool (Sarif;Gh)", async () => {
    const before = path.join(directory, "before.json");
    await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", "json", "--output", before], directory);
    writeFileSync(path.join(directory, ".kms-audit.yml"), `${suppressKms("2026-06-30")}  - rule: nat-where-privatelink\n    resource: "*"\n    reason: old\n    expires: 2026-01-01\n`);
    const run = await cli(["scan", "--snapshot", path.join(FIXTURES, "nat-path-works.snapshot.json"), "--format", "sarif", "--baseline", before, "--fail-on", "never"], directory);
    expect(run.code).toBe(0);
    const results = (JSON.parse(run.stdout) as { runs: { results: { ruleId: string; baselineState: string; suppressions?: unknown; properties: Record<string, unknown> }[] }[] }).runs[0]!.results;
    const kms = results.find((r) => r.ruleId === "lambda-no-kms-path");
    expect(kms?.baselineState).toBe("absent");
    expect(kms?.suppressions).toBeUndefined();
    const note = results.find((r) => r.ruleId === "nat-where-privatelink");
    expect(note?.baselineState).toBe("unchanged");
    expect(note?.suppressions).toBeUndefined();
    expect(note?.properties.expiredSuppression).toEqual({ reason: "old", expires: "2026-01-01", source: ".kms-audit.yml: suppressions[1]" });

    writeFileSync(path.join(directory, ".kms-audit.yml"), suppressKms("2026-06-30"));
    const suppressed = await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", "sarif", "--baseline", before, "--fail-on", "never"], directory);
    const kmsSuppressed = (JSON.parse(suppressed.stdout) as { runs: { results: { ruleId: string; suppressions?: unknown }[] }[] }).runs[0]!.results.find((r) => r.ruleId === "lambda-no-kms-path");
    expect(kmsSuppressed?.suppressions).toEqual([{ kind: "external", status: "accepted", justification: "endpoint rollout NET-412" }]);
    expect(errorsOf(await validateSarif(run.stdout))).toEqual([]);
    expect(errorsOf(await validateSarif(suppressed.stdout))).toEqual([]);
  });

  it("names the new formats in the --format error", async () => {
    const run = await cli(["scan", "--snapshot", TWO_SUBNETS, "--format", "html"], directory);
    expect(run.stderr).toBe('kms-audit: --format: expected one of terminal, json, sarif, markdown, junit; got "html"\n');
  });
});

describe("the example configuration", () => {
  it("is accepted by scan", async () => {
    const run = await cli(["scan", "--snapshot", TWO_SUBNETS, "--config", path.resolve("examples/.kms-audit.yml"), "--format", "json"], process.cwd(), "2026-06-15");
    expect(run.stderr).toBe("");
    // the example suppresses nat-where-privatelink for decrypt-* until 2027-03-31
    const note = findings(run).find((f) => f.ruleId === "nat-where-privatelink");
    expect(note?.suppression).toEqual({ reason: "NAT kept until the endpoint rollout (ticket NET-412)", expires: "2027-03-31", source: "examples/.kms-audit.yml: suppressions[0]" });
  });
});
