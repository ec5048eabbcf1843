/**
 * The change laid over the deployed account (--snapshot, --live), --parameter against its ids, --changed-only, and
 * SARIF for each input kind on the lines that define the resources.
 */
import { readFileSync } from "node:fs";
import { startAwsServer, type AwsTestServer } from "../support/aws-server/index.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { errorsOf, validateSarifFiles } from "../report/support/multitool.js";
import { removeDirectory, runCli, scratchDirectory } from "../cli/support/run-cli.js";

const NO_PATH = "fixtures/iac/live/tokyo-no-path.snapshot.json";
const NAT = "fixtures/iac/live/tokyo-nat.snapshot.json";
const tf = "fixtures/iac/terraform";

interface JsonFinding {
  readonly ruleId: string;
  readonly resource: { readonly id: string };
}

function findings(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.map((f) => `${f.ruleId} ${f.resource.id}`);
}

function annotations(sarif: string): string[] {
  const results = (JSON.parse(sarif) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }).runs[0]?.results ?? [];
  return results.map((r) => `${r.ruleId} ${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.locations[0]?.physicalLocation.region.startLine}`);
}

describe("scan --template over the deployed account", () => {
  it("a function added to an existing private subnet without a path: --changed-only keeps only what the change introduces", async () => {
    const all = await runCli(["scan", "--template", `${tf}/existing-subnet/plan.json`, "--snapshot", NO_PATH, "--format", "json", "--fail-on", "never"]);
    expect({ code: all.code, stderr: all.stderr }).toEqual({ code: 0, stderr: "" });
    expect(findings(all.stdout)).toEqual(["lambda-no-kms-path decrypt-orders", "lambda-no-kms-path reports"]);
    const introduced = await runCli(["scan", "--template", `${tf}/existing-subnet/plan.json`, "--snapshot", NO_PATH, "--changed-only", "--format", "sarif"]);
    expect(introduced.code).toBe(1);
    expect(annotations(introduced.stdout)).toEqual([`lambda-no-kms-path ${tf}/existing-subnet/main.tf:10`]);
  });

  it("a change that deletes the NAT route the function depends on fails the build on the function's block", async () => {
    const before = await runCli(["scan", "--snapshot", NAT, "--format", "json", "--fail-on", "error"]);
    expect(before.code).toBe(0);
    const after = await runCli(["scan", "--template", `${tf}/delete-nat-route/plan.json`, "--snapshot", NAT, "--changed-only", "--format", "sarif"]);
    expect(after.code).toBe(1);
    expect(annotations(after.stdout)).toEqual([`lambda-no-kms-path ${tf}/delete-nat-route/main.tf:4`]);
  });

  it("CloudFormation parameters name deployed subnets: the function lands in them", async () => {
    const template = "fixtures/iac/cloudformation/function-in-existing-subnet.yaml";
    const run = await runCli([
      "scan", "--template", template, "--snapshot", NO_PATH, "--changed-only", "--format", "sarif",
      "--parameter", "SubnetIds=subnet-0private000000a1,subnet-0private000000c1", "--parameter", "SecurityGroupId=sg-0function00000000001",
    ]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: "" });
    expect(annotations(run.stdout)).toEqual([`lambda-no-kms-path ${template}:12`]);
  });

  it("a template for a region the deployed data does not hold, or another account, is refused with one line", async () => {
    const region = await runCli(["scan", "--template", "fixtures/iac/cloudformation/nat-vpc.yaml", "--snapshot", NO_PATH, "--region", "us-east-1"]);
    expect({ code: region.code, stderr: region.stderr }).toEqual({
      code: 2,
      stderr: "kms-audit: fixtures/iac/cloudformation/nat-vpc.yaml deploys to 123456789012/us-east-1, which the deployed data does not hold (it has 123456789012 in ap-northeast-1)\n",
    });
    const account = await runCli(["scan", "--template", "fixtures/iac/cloudformation/nat-vpc.yaml", "--snapshot", NO_PATH, "--account", "111122223333"]);
    expect({ code: account.code, stderr: account.stderr }).toEqual({
      code: 2,
      stderr: "kms-audit: fixtures/iac/cloudformation/nat-vpc.yaml deploys to 111122223333/ap-northeast-1, which the deployed data does not hold (it has 123456789012 in ap-northeast-1)\n",
    });
  });

  it("SARIF of Terraform and CDK inputs lands on .tf blocks and CDK app lines, and passes the SARIF Multitool", async () => {
    const sarif: Record<string, string> = {};
    const lines: string[] = [];
    for (const [name, input] of [
      ["module-nat", `${tf}/module-nat/plan.json`],
      ["endpoint-no-https", `${tf}/endpoint-no-https/plan.json`],
      ["cdk-endpoint-sg-no-https", "fixtures/iac/cdk/endpoint-sg-no-https.out"],
    ] as const) {
      const run = await runCli(["scan", "--template", input, "--format", "sarif", "--fail-on", "never"]);
      expect({ name, code: run.code, stderr: run.stderr }).toEqual({ name, code: 0, stderr: "" });
      sarif[`${name}.sarif`] = run.stdout;
      lines.push(...annotations(run.stdout));
    }
    expect(lines).toEqual([
      `nat-cross-az ${tf}/module-nat/modules/network/main.tf:53`,
      `endpoint-sg-no-https ${tf}/endpoint-no-https/main.tf:40`,
      `lambda-no-kms-path ${tf}/endpoint-no-https/main.tf:49`,
      `path-unverifiable ${tf}/endpoint-no-https/main.tf:71`,
      "endpoint-sg-no-https fixtures/iac/cdk/app.ts:51",
      "lambda-no-kms-path fixtures/iac/cdk/app.ts:16",
    ]);
    expect(errorsOf(await validateSarifFiles(sarif))).toEqual([]);
  });
});

describe("scan --template --live", () => {
  let server: AwsTestServer;
  let scratch: string;
  beforeAll(async () => {
    const snapshot = JSON.parse(readFileSync(NAT, "utf8")) as Snapshot;
    const [account, data] = Object.entries(snapshot.accounts)[0]!;
    server = await startAwsServer({ accountId: account, regions: Object.fromEntries(Object.entries(data.regions).map(([region, r]) => [region, r.calls])) });
    scratch = scratchDirectory();
  });
  afterAll(async () => {
    await server.close();
    removeDirectory(scratch);
  });

  it("lays the plan over a live collection, the same as over the snapshot of it", async () => {
    const env = { HOME: scratch, AWS_ENDPOINT_URL: server.url, AWS_ACCESS_KEY_ID: "AKIDKMSAUDITTEST", AWS_SECRET_ACCESS_KEY: "kms-audit-test-secret", AWS_EC2_METADATA_DISABLED: "true" };
    const live = await runCli(["scan", "--template", `${tf}/delete-nat-route/plan.json`, "--live", "--region", "ap-northeast-1", "--changed-only", "--format", "json", "--quiet"], { env });
    expect({ code: live.code, stderr: live.stderr }).toEqual({ code: 1, stderr: "" });
    expect(findings(live.stdout)).toEqual(["lambda-no-kms-path decrypt-orders"]);
  });
});
