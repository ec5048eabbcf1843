import { locateResource } from "../../src/snapshot/locate.js";
import { formatSarif, MAX_RESULTS_PER_RUN } from "../../src/report/sarif.js";
import { lineRegion } from "../../src/report/sarif-region.js";
import { pascalCase } from "../../src/report/sarif-rules.js";
import { ACCOUNT, ids, REGION } from "../support/build.js";
import { endpointRef, functionArn, functionRef, noKmsPathFinding, sampleContext, sampleResult } from "./support/sample.js";
import { errorsOf, validateSarif } from "./support/multitool.js";

function parse(text: string) {
  return JSON.parse(text) as Record<string, any>;
}

describe("sarif report", () => {
  const context = sampleContext();
  const sarif = parse(formatSarif(sampleResult(), context));
  const run = sarif.runs[0];

  it("is SARIF 2.1.0 with one run, the tool, and a per-scope automation id", () => {
    expect(sarif.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe("kms-audit");
    expect(run.tool.driver.semanticVersion).toBe("0.1.0");
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.automationDetails).toEqual({ id: `kms-audit/${ACCOUNT}/${REGION}/` });
  });

  it("describes every registry rule, sorted, with help, helpUri from the id, level and security severity", () => {
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["eip-quota-pressure", "endpoint-sg-no-https", "lambda-no-kms-path", "nat-where-privatelink"]);
    expect(run.tool.driver.rules[2]).toEqual({
      id: "lambda-no-kms-path",
      name: "LambdaNoKmsPath",
      shortDescription: { text: "Title of lambda-no-kms-path" },
      fullDescription: { text: "Why lambda-no-kms-path matters." },
      help: {
        text: "How to fix lambda-no-kms-path.\n\nAWS CLI:\n  aws ec2 describe-vpcs --vpc-ids <vpc-id> # lambda-no-kms-path",
        markdown:
          "How to fix lambda-no-kms-path.\n\n```sh\naws ec2 describe-vpcs --vpc-ids <vpc-id> # lambda-no-kms-path\n```\n\nReferences:\n- https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html\n\nDetails: [lambda-no-kms-path](https://github.com/kms-audit/kms-audit/blob/main/docs/rules/lambda-no-kms-path.md)",
      },
      helpUri: "https://github.com/kms-audit/kms-audit/blob/main/docs/rules/lambda-no-kms-path.md",
      defaultConfiguration: { level: "error" },
      properties: { tags: ["security", "reachability"], precision: "high", "security-severity": "7.5" },
    });
    expect(run.tool.driver.rules[3].properties["security-severity"]).toBe("2.0");
  });

  it("locates each result in the snapshot file at its resource, with the ARN or id as logical location", () => {
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === "lambda-no-kms-path");
    const at = locateResource(context.snapshotText, functionRef);
    expect(result.ruleIndex).toBe(2);
    expect(result.level).toBe("error");
    expect(result.message).toEqual({ text: noKmsPathFinding.message });
    expect(result.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "fixtures/sample.snapshot.json" },
          region: lineRegion(context.snapshotText, at.line, at.column),
        },
        logicalLocations: [{ fullyQualifiedName: functionArn, kind: "resource" }],
      },
    ]);
    const endpoint = run.results.find((r: { ruleId: string }) => r.ruleId === "endpoint-sg-no-https");
    expect(endpoint.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: ids.kmsEndpoint, kind: "resource" }]);
    expect(endpoint.locations[0].physicalLocation.region.startLine).toBe(locateResource(context.snapshotText, endpointRef).line);
  });

  it("fingerprints by identity only: the same fingerprint under both keys, unchanged by message or position", () => {
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === "lambda-no-kms-path");
    expect(result.partialFingerprints).toEqual({ primaryLocationLineHash: noKmsPathFinding.fingerprint, "kmsAudit/v1": noKmsPathFinding.fingerprint });
    const reworded = { ...sampleResult(), findings: [{ ...noKmsPathFinding, message: "other words" }] };
    const shifted = sampleContext({ snapshotText: `\n\n${context.snapshotText}` });
    const again = parse(formatSarif(reworded, shifted)).runs[0].results[0];
    expect(again.partialFingerprints).toEqual(result.partialFingerprints);
  });

  it("carries the resource and an evidence summary in properties", () => {
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === "lambda-no-kms-path");
    expect(result.properties).toEqual({
      resource: { type: "lambda-function", id: ids.fn, arn: functionArn, account: ACCOUNT, region: REGION },
      key: "kms",
      evidence: [`✗ vpc ${ids.vpc}: NO_ENDPOINT`, `✗ route-table ${ids.rtbMain}: NO_ROUTE_TO_DESTINATION`],
      fixCommands: [...noKmsPathFinding.remediation.commands],
    });
  });

  it("reports not-evaluated rules and tool errors as tool notifications", () => {
    const withError = { ...sampleResult(), toolErrors: [{ ruleId: "lambda-no-kms-path", message: "boom" }] };
    const invocation = parse(formatSarif(withError, context)).runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      { level: "error", message: { text: "Rule lambda-no-kms-path failed: boom" }, associatedRule: { id: "lambda-no-kms-path", index: 2 } },
      {
        level: "warning",
        message: { text: `Rule eip-quota-pressure was not evaluated in ${ACCOUNT}/${REGION}: DescribeAddresses failed (UnauthorizedOperation)` },
        associatedRule: { id: "eip-quota-pressure", index: 0 },
      },
    ]);
  });

  it("percent-encodes the relative artifact path and never writes an absolute one", () => {
    const spaced = parse(formatSarif(sampleResult(), sampleContext({ snapshotPath: "/work/repo/my snapshots/a#1.json" })));
    expect(spaced.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("my%20snapshots/a%231.json");
  });

  it("encodes any file name, a lone surrogate and controls included, instead of failing", () => {
    const odd = parse(formatSarif(sampleResult(), sampleContext({ snapshotPath: "/work/repo/a\uD800\u001b]0;x\u0007.json" })));
    expect(odd.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("a%EF%BF%BD%1B%5D0%3Bx%07.json");
  });

  it("keeps the most severe results within GitHub's per-run limit", () => {
    const many = Array.from({ length: MAX_RESULTS_PER_RUN + 1 }, (_, i) => ({ ...noKmsPathFinding, severity: i === MAX_RESULTS_PER_RUN ? ("error" as const) : ("note" as const), key: String(i), fingerprint: `f${String(i).padStart(6, "0")}` }));
    const big = parse(formatSarif({ findings: many, notEvaluated: [], paths: [], toolErrors: [] }, context)).runs[0];
    expect(big.results).toHaveLength(MAX_RESULTS_PER_RUN);
    expect(big.results[0].level).toBe("error");
    expect(big.invocations[0].toolExecutionNotifications.at(-1).message.text).toBe(`Only the ${MAX_RESULTS_PER_RUN} most severe of ${MAX_RESULTS_PER_RUN + 1} results are included (GitHub's limit per run).`);
  });

  it("is byte-identical for the same input", () => {
    expect(formatSarif(sampleResult(), sampleContext())).toBe(formatSarif(sampleResult(), sampleContext()));
  });

  it("passes the SARIF Multitool with GitHub's rules (Sarif;Gh) with zero errors", async () => {
    const withEverything = {
      ...sampleResult(),
      findings: [...sampleResult().findings, { ...noKmsPathFinding, key: "s3", fingerprint: "3".repeat(64), suppression: { reason: "accepted", source: "kms-audit.yaml" }, baselineState: "unchanged" as const }],
      toolErrors: [{ ruleId: "lambda-no-kms-path", message: "boom" }],
    };
    const problems = await validateSarif(formatSarif(withEverything, context));
    expect(errorsOf(problems)).toEqual([]);
  });
});

describe("sarif helpers", () => {
  it("pascal-cases rule ids for SARIF rule names", () => {
    expect(pascalCase("lambda-no-kms-path")).toBe("LambdaNoKmsPath");
  });

  it("spans a region from the located column to the end of its line, never empty", () => {
    const text = '{\n  "FunctionName": "decrypt-orders"\n}';
    expect(lineRegion(text, 2, 3)).toEqual({ startLine: 2, startColumn: 3, endLine: 2, endColumn: 35 });
    expect(lineRegion(text, 3, 2)).toEqual({ startLine: 3, startColumn: 1, endLine: 3, endColumn: 2 });
    expect(lineRegion(text, 9, 1)).toEqual({ startLine: 3, startColumn: 1, endLine: 3, endColumn: 2 });
  });
});
