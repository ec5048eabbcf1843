import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ids, scenario, toSnapshot, withKmsEndpoint, withNat } from "../support/build.js";
import { removeDirectory, runCli, scratchDirectory, stderrLines, writeSnapshot } from "./support/run-cli.js";

const ESC = "\u001b[";

describe("kms-audit scan", () => {
  let directory = "";
  let noPath = "";
  let natPath = "";
  let endpointPath = "";
  beforeAll(() => {
    directory = scratchDirectory();
    noPath = writeSnapshot(directory, "no-path.snapshot.json", toSnapshot(scenario()));
    natPath = writeSnapshot(directory, "nat.snapshot.json", toSnapshot(withNat(scenario())));
    endpointPath = writeSnapshot(directory, "endpoint.snapshot.json", toSnapshot(withKmsEndpoint(scenario())));
  });
  afterAll(() => removeDirectory(directory));

  async function severities(file: string): Promise<string[]> {
    const run = await runCli(["scan", "--snapshot", file, "--format", "json", "--fail-on", "never"]);
    expect(run.code).toBe(0);
    return (JSON.parse(run.stdout) as { findings: { severity: string }[] }).findings.map((f) => f.severity);
  }

  it("exits 1 on an error finding with the default --fail-on error, and 0 with --fail-on never", async () => {
    expect(await severities(noPath)).toEqual(["error"]);
    const failing = await runCli(["scan", "--snapshot", noPath]);
    expect({ code: failing.code, stderr: failing.stderr }).toEqual({ code: 1, stderr: "" });
    expect(failing.stdout).toMatch(/\d+ problems?: 1 error(, \d+ (warnings?|notes?))* · 1 function, 2 paths: 0 reachable, 2 blocked\n$/);
    expect((await runCli(["scan", "--snapshot", noPath, "--fail-on", "never"])).code).toBe(0);
  });

  // Issue 10 §4: a function naming a deleted subnet made the whole scan exit 2; it is a finding about that function.
  it("reports a function whose VpcConfig names a deleted subnet, and exits 1", async () => {
    const d = withNat(scenario());
    d.functions[0] = { ...d.functions[0]!, VpcConfig: { SubnetIds: [ids.privateA, "subnet-0gone000000000001"], SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc } };
    const file = writeSnapshot(directory, "dangling-subnet.json", toSnapshot(d));
    const run = await runCli(["scan", "--snapshot", file, "--format", "json"]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: "" });
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string; message: string }[] }).findings.filter((f) => f.ruleId === "lambda-vpc-config-stale");
    expect(findings.map((f) => f.severity)).toEqual(["error"]);
    expect(findings[0]!.message).toContain("subnet subnet-0gone000000000001");
  });

  it("applies the threshold to the most severe finding", async () => {
    // NAT in another AZ (warning) while the region offers a KMS endpoint (note); no error
    expect([...(await severities(natPath))].sort()).toEqual(["note", "warning"]);
    expect((await runCli(["scan", "--snapshot", natPath])).code).toBe(0);
    expect((await runCli(["scan", "--snapshot", natPath, "--fail-on", "error"])).code).toBe(0);
    expect((await runCli(["scan", "--snapshot", natPath, "--fail-on", "warning"])).code).toBe(1);
    expect((await runCli(["scan", "--snapshot", natPath, "--fail-on", "note"])).code).toBe(1);
    expect((await runCli(["scan", "--snapshot", natPath, "--fail-on", "never"])).code).toBe(0);
  });

  it("--severity filters what the terminal shows, not what fails or what JSON keeps", async () => {
    const example = path.resolve("fixtures/two-subnets-one-without-path.snapshot.json");
    const shown = await runCli(["scan", "--snapshot", example, "--severity", "error"]);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toMatch(/^error lambda-no-kms-path decrypt-orders: /m);
    expect(shown.stdout).not.toContain("nat-where-privatelink");
    expect(shown.stdout).toContain("\n1 less severe problem not shown (--severity error; --severity note shows all)\n");
    const json = await runCli(["scan", "--snapshot", example, "--severity", "error", "--format", "json", "--fail-on", "never"]);
    expect((JSON.parse(json.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId).sort()).toEqual(["lambda-no-kms-path", "nat-where-privatelink"]);
  });

  it("exits 0 when the endpoint path works and nothing is at or above error", async () => {
    const run = await runCli(["scan", "--snapshot", endpointPath]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 function, 2 paths: 2 reachable\n/);
    expect(run.stdout).toContain("1 function with nothing wrong not listed (--show-passing lists them)");
    const passing = await runCli(["scan", "--snapshot", endpointPath, "--show-passing"]);
    expect(passing.stdout).toContain("Passing (1)\n  ✓ decrypt-orders: kms via vpce-");
  });

  it("writes --output atomically: the same bytes as stdout, no temp files, nothing on stdout", async () => {
    const target = path.join(directory, "report.json");
    const written = await runCli(["scan", "--snapshot", noPath, "--format", "json", "--output", target]);
    const printed = await runCli(["scan", "--snapshot", noPath, "--format", "json"]);
    expect(written.code).toBe(1);
    expect(written.stdout).toBe("");
    expect(readFileSync(target, "utf8")).toBe(printed.stdout);
    expect(readdirSync(directory).filter((f) => f.endsWith(".tmp") || f.startsWith("."))).toEqual([]);
  });

  it("fails with one line and exit 2 when --output names a directory, leaving nothing behind", async () => {
    const run = await runCli(["scan", "--snapshot", noPath, "--output", directory]);
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual([`kms-audit: ${directory}: --output: expected a file path, found a directory`]);
    expect(readdirSync(directory).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it.each(["json", "sarif"])("gives byte-identical %s across two runs", async (format) => {
    const first = await runCli(["scan", "--snapshot", noPath, "--format", format]);
    const second = await runCli(["scan", "--snapshot", noPath, "--format", format]);
    expect(first.stdout.length).toBeGreaterThan(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it("reports the snapshot path relative to the working directory, never absolute", async () => {
    const json = await runCli(["scan", "--snapshot", noPath, "--format", "json"], { cwd: directory });
    expect(JSON.parse(json.stdout).snapshot).toEqual({ file: "no-path.snapshot.json" });
    const sarif = await runCli(["scan", "--snapshot", "no-path.snapshot.json", "--format", "sarif"], { cwd: directory });
    expect(sarif.stdout).not.toContain(directory);
    expect(JSON.parse(sarif.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("no-path.snapshot.json");
  });

  describe("colour", () => {
    it("has none on a pipe by default", async () => {
      expect((await runCli(["scan", "--snapshot", noPath])).stdout).not.toContain(ESC);
    });
    it("honours FORCE_COLOR on a pipe", async () => {
      expect((await runCli(["scan", "--snapshot", noPath], { env: { FORCE_COLOR: "1" } })).stdout).toContain(ESC);
    });
    it("lets NO_COLOR win over FORCE_COLOR", async () => {
      expect((await runCli(["scan", "--snapshot", noPath], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } })).stdout).not.toContain(ESC);
    });
    it("never colours JSON or SARIF", async () => {
      expect((await runCli(["scan", "--snapshot", noPath, "--format", "json"], { env: { FORCE_COLOR: "3" } })).stdout).not.toContain(ESC);
    });
  });

  it("never loads the AWS SDK on the --snapshot path", async () => {
    const run = await runCli(["scan", "--snapshot", noPath, "--format", "json"], { nodeArgs: ["--import", path.resolve("test/cli/support/deny-aws-sdk.mjs")] });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
  });
});
