import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { errorsOf, validateSarifFiles } from "../report/support/multitool.js";
import { removeDirectory, runCli, scratchDirectory, stderrLines } from "../cli/support/run-cli.js";

interface SarifResult {
  readonly ruleId: string;
  readonly locations: readonly { readonly physicalLocation: { readonly artifactLocation: { readonly uri: string }; readonly region: { readonly startLine: number } } }[];
}

function annotations(sarif: string): string[] {
  const results = (JSON.parse(sarif) as { runs: { results: SarifResult[] }[] }).runs[0]?.results ?? [];
  return results.map((r) => `${r.ruleId} ${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.locations[0]?.physicalLocation.region.startLine}`);
}

const cfn = "fixtures/iac/cloudformation";

describe("kms-audit scan --template", () => {
  let directory = "";
  beforeAll(() => {
    directory = scratchDirectory();
  });
  afterAll(() => removeDirectory(directory));

  it("SARIF results land on the lines that define the resources, and pass the SARIF Multitool with GitHub's rules", async () => {
    const sarif: Record<string, string> = {};
    const lines: string[] = [];
    for (const name of ["endpoint-sg-no-https.yaml", "private-dns-off.json", "sam-public-subnet.yaml", "unknown-values.yaml"]) {
      const run = await runCli(["scan", "--template", `${cfn}/${name}`, "--region", "ap-northeast-1", "--format", "sarif", "--fail-on", "never"]);
      expect({ name, code: run.code, stderr: run.stderr }).toEqual({ name, code: 0, stderr: "" });
      sarif[`${name}.sarif`] = run.stdout;
      lines.push(...annotations(run.stdout));
    }
    expect(lines).toEqual([
      `endpoint-sg-no-https ${cfn}/endpoint-sg-no-https.yaml:32`,
      `lambda-no-kms-path ${cfn}/endpoint-sg-no-https.yaml:41`,
      `endpoint-private-dns-off ${cfn}/private-dns-off.json:21`,
      `lambda-no-kms-path ${cfn}/private-dns-off.json:31`,
      `lambda-no-kms-path ${cfn}/sam-public-subnet.yaml:73`,
      `lambda-public-subnet ${cfn}/sam-public-subnet.yaml:73`,
      `endpoint-sg-no-https ${cfn}/unknown-values.yaml:31`,
      // one note on the imported subnet, at the function that names it; signer's maybe is endpoint-sg-no-https's note
      `path-unverifiable ${cfn}/unknown-values.yaml:52`,
    ]);
    expect(errorsOf(await validateSarifFiles(sarif))).toEqual([]);
  });

  it("exits 1 on a change that breaks a path, 0 on one that keeps it", async () => {
    const broken = await runCli(["scan", "--template", `${cfn}/endpoint-sg-no-https.yaml`, "--region", "ap-northeast-1", "--width", "200"]);
    expect(broken.code).toBe(1);
    // the terminal names the change and the template line of each finding's resource
    expect(broken.stdout).toContain(`· change ${cfn}/endpoint-sg-no-https.yaml\n`);
    expect(broken.stdout).toMatch(new RegExp(`^error endpoint-sg-no-https vpce-\\[KmsEndpoint\\]: .* · ${cfn}/endpoint-sg-no-https\\.yaml:32$`, "m"));
    const fine = await runCli(["scan", "--template", `${cfn}/nat-vpc.yaml`, "--region", "ap-northeast-1"]);
    expect({ code: fine.code, stderr: fine.stderr }).toEqual({ code: 0, stderr: "" });
  });

  it("refuses an input of another kind with one line and exit 2", async () => {
    const other = path.join(directory, "package.json");
    writeFileSync(other, '{"name": "x"}');
    const notYaml = path.join(directory, "notes.txt");
    writeFileSync(notYaml, "just text\n");
    const brokenYaml = path.join(directory, "broken.yaml");
    writeFileSync(brokenYaml, "Resources:\n  A: [\n");
    for (const [file, expected] of [
      [other, `kms-audit: ${other}: $: expected a CloudFormation or SAM template (YAML or JSON with a Resources section), a Terraform plan as JSON (terraform show -json plan.out) or a cdk.out directory (with manifest.json), found JSON of another kind`],
      [notYaml, `kms-audit: ${notYaml}: line 1 column 1: expected a CloudFormation or SAM template (YAML or JSON with a Resources section), a Terraform plan as JSON (terraform show -json plan.out) or a cdk.out directory (with manifest.json), found neither`],
      [directory, `kms-audit: ${directory}: directory: expected a CloudFormation or SAM template (YAML or JSON with a Resources section), a Terraform plan as JSON (terraform show -json plan.out) or a cdk.out directory (with manifest.json), found a directory without a cdk.out manifest.json`],
    ] as const) {
      const run = await runCli(["scan", "--template", file, "--region", "ap-northeast-1", "--format", "sarif", "--output", path.join(directory, "out.sarif")]);
      expect({ code: run.code, stderr: stderrLines(run) }).toEqual({ code: 2, stderr: [expected] });
    }
    const cdkOut = path.join(directory, "cdk.out");
    mkdirSync(cdkOut);
    writeFileSync(path.join(cdkOut, "manifest.json"), JSON.stringify({ version: "55.0.0", artifacts: { S: { type: "aws:cloudformation:stack", properties: { templateFile: "S.template.json" } } } }));
    const missing = await runCli(["scan", "--template", cdkOut, "--region", "ap-northeast-1"]);
    expect({ code: missing.code, stderr: stderrLines(missing) }).toEqual({
      code: 2,
      stderr: [`kms-audit: ${path.join(cdkOut, "manifest.json")}: S.template.json: expected the stack's template file in the cdk.out directory, found no such file`],
    });
    const broken = await runCli(["scan", "--template", brokenYaml, "--region", "ap-northeast-1"]);
    expect(broken.code).toBe(2);
    expect(stderrLines(broken)).toHaveLength(1);
    expect(broken.stderr).toMatch(new RegExp(`^kms-audit: ${brokenYaml.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: line \\d+ column \\d+: expected a YAML or JSON template`));
  });

  it("says on stderr what it could not settle: a resource whose condition depends on an unknown parameter", async () => {
    const template = path.join(directory, "conditional.yaml");
    writeFileSync(
      template,
      ["Parameters:", "  WithEndpoint:", "    Type: String", "Conditions:", "  Wanted: !Equals [!Ref WithEndpoint, \"yes\"]", "Resources:", "  Vpc:", "    Type: AWS::EC2::VPC", "    Properties: { CidrBlock: 10.0.0.0/16 }", "  Endpoint:", "    Type: AWS::EC2::VPCEndpoint", "    Condition: Wanted", "    Properties: { VpcId: !Ref Vpc, ServiceName: com.amazonaws.ap-northeast-1.kms, VpcEndpointType: Interface }", ""].join("\n"),
    );
    const run = await runCli(["scan", "--template", template, "--region", "ap-northeast-1", "--fail-on", "never"]);
    expect({ code: run.code, stderr: stderrLines(run) }).toEqual({
      code: 0,
      stderr: [
        "kms-audit: note: ap-northeast-1: Endpoint exists only if condition Wanted holds, which depends on parameter WithEndpoint: it is analysed as if it does.",
        `kms-audit: warning: ${template}: no Lambda function in 1 region(s): no path to check`,
      ],
    });
  });

  it("asks for the region a template alone does not name, and rejects template options without --template", async () => {
    const noRegion = await runCli(["scan", "--template", `${cfn}/nat-vpc.yaml`]);
    expect({ code: noRegion.code, stderr: stderrLines(noRegion) }).toEqual({
      code: 2,
      stderr: [`kms-audit: --region: ${cfn}/nat-vpc.yaml does not name the region it deploys to; give --region (or --snapshot with one region)`],
    });
    const stray = await runCli(["scan", "--snapshot", "fixtures/no-path.snapshot.json", "--parameter", "A=b"]);
    expect({ code: stray.code, stderr: stderrLines(stray) }).toEqual({ code: 2, stderr: ["kms-audit: --parameter: applies to --template only"] });
    const badParameter = await runCli(["scan", "--template", `${cfn}/nat-vpc.yaml`, "--region", "ap-northeast-1", "--parameter", "novalue"]);
    expect({ code: badParameter.code, stderr: stderrLines(badParameter) }).toEqual({ code: 2, stderr: ['kms-audit: --parameter: expected Key=Value, got "novalue"'] });
  });
});
