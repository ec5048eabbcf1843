import { readFileSync } from "node:fs";
import { ids, lambdaFunction, scenario, toSnapshot, withNat } from "../support/build.js";
import { removeDirectory, runCli, scratchDirectory, stderrLines, writeSnapshot } from "./support/run-cli.js";

const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

describe("kms-audit explain", () => {
  let directory = "";
  let snapshot = "";
  beforeAll(() => {
    directory = scratchDirectory();
    snapshot = writeSnapshot(directory, "nat.snapshot.json", toSnapshot(withNat(scenario())));
  });
  afterAll(() => removeDirectory(directory));

  it("traces each of the function's subnets to KMS, hop by hop", async () => {
    const run = await runCli(["explain", ids.fn, "--snapshot", snapshot]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`function ${ids.fn} arn:aws:lambda:ap-northeast-1:123456789012:function:${ids.fn}`);
    expect(lines).toContain(`${ids.privateA} (ap-northeast-1a) → kms: reachable-via-nat (${ids.nat})`);
    expect(lines).toContain(`${ids.privateC} (ap-northeast-1c) → kms: reachable-via-nat (${ids.nat})`);
    expect(run.stdout).toMatch(/attempt 1: /);
    expect(run.stdout).toMatch(/✓ route rtb-0private0000000001:0\.0\.0\.0\/0 -> nat-0a1b2c3d4e5f60001 \[ROUTE_MATCHED\]/);
  });

  it("explains the two-subnet fixture: one subnet through the NAT, the other blocked at the route table", async () => {
    const run = await runCli(["explain", ids.fn, "--snapshot", "fixtures/two-subnets-one-without-path.snapshot.json"]);
    expect(run.code).toBe(0);
    const outline = run.stdout.split("\n").filter((line) => !line.startsWith("    "));
    expect(outline).toEqual([
      `function ${ids.fn} arn:aws:lambda:ap-northeast-1:123456789012:function:${ids.fn}`,
      "123456789012/ap-northeast-1 · vpc-0a1b2c3d4e5f60001",
      "",
      "subnet-0a1b2c3d4e5f60a11 (ap-northeast-1a) → kms: reachable-via-nat (nat-0a1b2c3d4e5f60001)",
      "  attempt 1: NAT gateway nat-0a1b2c3d4e5f60001: reachable",
      "",
      "subnet-0a1b2c3d4e5f60c11 (ap-northeast-1c) → kms: blocked",
      "  attempt 1: interface endpoint: blocked",
      "  attempt 2: public endpoint (route table): blocked",
      "",
    ]);
    expect(run.stdout).toMatch(/\n    ✗ vpc vpc-0a1b2c3d4e5f60001 \[NO_ENDPOINT\] /);
    expect(run.stdout).toMatch(/\n    ✗ route-table rtb-0a1b2c3d4e5f60001 \[NO_ROUTE_TO_DESTINATION\] /);
  });

  it("says a function outside any VPC has no VPC path to trace", async () => {
    const d = withNat(scenario());
    d.functions.push(lambdaFunction({ FunctionName: "outside-vpc" }));
    const file = writeSnapshot(directory, "outside.snapshot.json", toSnapshot(d));
    const run = await runCli(["explain", "outside-vpc", "--snapshot", file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "function outside-vpc arn:aws:lambda:ap-northeast-1:123456789012:function:outside-vpc\n" +
        "not attached to a VPC: Lambda runs it outside your VPCs, so there is no VPC path to kms to trace.\n",
    );
  });

  it("accepts the function ARN and another service", async () => {
    const run = await runCli(["explain", `arn:aws:lambda:ap-northeast-1:123456789012:function:${ids.fn}`, "--snapshot", snapshot, "--service", "sts"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${ids.privateA} (ap-northeast-1a) → sts: `);
  });

  it("rejects an unknown function with one line listing close names, exit 2", async () => {
    const run = await runCli(["explain", "decrypt-order", "--snapshot", snapshot]);
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual([`kms-audit: no function "decrypt-order" in ${snapshot}; close names: ${ids.fn}`]);
  });

  it("rejects an unknown service with one line, exit 2", async () => {
    const run = await runCli(["explain", ids.fn, "--snapshot", snapshot, "--service", "kinesis"]);
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toHaveLength(1);
    expect(stderrLines(run)[0]).toMatch(/^kms-audit: --service: expected one of kms, .*; got "kinesis"$/);
  });
});

describe("kms-audit rules", () => {
  it("lists every rule in a table", async () => {
    const run = await runCli(["rules"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+CATEGORY\s+TITLE$/);
    expect(lines.some((l) => l.startsWith("lambda-no-kms-path "))).toBe(true);
    expect(lines.some((l) => l.startsWith("endpoint-sg-no-https "))).toBe(true);
  });

  it("shows one rule's doc", async () => {
    const run = await runCli(["rules", "lambda-no-kms-path"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^lambda-no-kms-path: /);
    expect(run.stdout).toContain("\nWhy\n");
    expect(run.stdout).toContain("\nHow to fix\n");
    expect(run.stdout).toContain("docs/rules/lambda-no-kms-path.md");
  });

  it("rejects an unknown rule with close names, exit 2", async () => {
    const run = await runCli(["rules", "lambda-no-kms"]);
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toHaveLength(1);
    expect(stderrLines(run)[0]).toMatch(/^kms-audit: unknown rule "lambda-no-kms"; close names: lambda-no-kms-path/);
  });
});

describe("kms-audit --version and --help", () => {
  it("prints the package version", async () => {
    const run = await runCli(["--version"]);
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("prints help naming the three commands", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("kms-audit scan");
    expect(run.stdout).toContain("kms-audit explain <function>");
    expect(run.stdout).toContain("kms-audit rules [id]");
  });

  it("asks for a command when given none, in one line, exit 2", async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual(["kms-audit: expected a command: scan, collect, merge, explain or rules"]);
  });
});
