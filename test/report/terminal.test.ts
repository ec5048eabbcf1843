import { formatTerminal } from "../../src/report/terminal.js";
import { summarize } from "../../src/report/summary.js";
import { summaryLine } from "../../src/report/terminal-summary.js";
import { ACCOUNT, REGION } from "../support/build.js";
import { endpointSgFinding, noKmsPathFinding, sampleContext, sampleResult } from "./support/sample.js";

const ESC = "\u001b[";

describe("terminal report", () => {
  it("groups by resource: the function with its paths and findings first, then other resources, then not-evaluated and the summary", () => {
    expect(formatTerminal(sampleResult(), sampleContext())).toBe(
      [
        "kms-audit 0.1.0 · fixtures/sample.snapshot.json",
        "",
        "function decrypt-orders arn:aws:lambda:ap-northeast-1:123456789012:function:decrypt-orders",
        "  subnet-0private000000a1 (ap-northeast-1a) → kms: blocked",
        "  subnet-0private000000c1 (ap-northeast-1c) → kms: reachable-via-nat (nat-0a1b2c3d4e5f60001)",
        "  subnet-0tgw0000000000a1 (ap-northeast-1a) → kms: unverifiable",
        "  error lambda-no-kms-path",
        "    decrypt-orders has no path to KMS from subnet-0private000000a1 (of 2 subnets): expect intermittent timeouts",
        "      ✗ vpc vpc-0a1b2c3d4e5f60001 [NO_ENDPOINT] vpc-0a1b2c3d4e5f60001 has no interface endpoint for com.amazonaws.ap-northeast-1.kms",
        "        change: create an interface endpoint com.amazonaws.ap-northeast-1.kms in vpc-0a1b2c3d4e5f60001",
        "      ✗ route-table rtb-0main000000000001 [NO_ROUTE_TO_DESTINATION] rtb-0main000000000001 (main table of subnet-0private000000a1) has no route for 0.0.0.0/0",
        "        change: rtb-0main000000000001 routes: add 0.0.0.0/0 -> a public NAT gateway",
        "    fix:",
        "      $ aws ec2 create-route --route-table-id rtb-0main000000000001 --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <nat-id>",
        "  note nat-where-privatelink",
        "    decrypt-orders reaches KMS through nat-0a1b2c3d4e5f60001 while ap-northeast-1 offers com.amazonaws.ap-northeast-1.kms",
        "      ✓ route-table rtb-0private0000000001 [ROUTE_MATCHED] rtb-0private0000000001 routes 0.0.0.0/0 to nat-0a1b2c3d4e5f60001",
        "    fix: Create an interface endpoint for KMS.",
        "",
        "vpc-endpoint vpce-0kms0000000000001 (123456789012/ap-northeast-1)",
        "  warning endpoint-sg-no-https",
        "    vpce-0kms0000000000001: its security groups admit no inbound TCP 443 from decrypt-orders",
        "      ✗ security-group sg-0endpoint0000000001 (kms-endpoint) [ENI_SG_RULES_MISMATCH] sg-0endpoint0000000001 admits no inbound TCP 443",
        "        change: sg-0endpoint0000000001 inbound rules: add TCP 443 from sg-0function00000000001",
        "    fix:",
        "      $ aws ec2 authorize-security-group-ingress --group-id sg-0endpoint0000000001 --protocol tcp --port 443 --source-group sg-0function00000000001",
        "",
        "Not evaluated",
        "  eip-quota-pressure in 123456789012/ap-northeast-1: DescribeAddresses failed (UnauthorizedOperation)",
        "",
        "1 error, 1 warning, 1 note · 1 function, 3 paths: 1 reachable, 1 blocked, 1 unverifiable · 1 not evaluated",
        "",
      ].join("\n"),
    );
  });

  it("writes no escape codes at colour level 0 and colours at level 1", () => {
    expect(formatTerminal(sampleResult(), sampleContext({ colorLevel: 0 }))).not.toContain(ESC);
    const coloured = formatTerminal(sampleResult(), sampleContext({ colorLevel: 1 }));
    expect(coloured).toContain(`${ESC}31m${ESC}1merror${ESC}22m${ESC}39m`);
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(formatTerminal(sampleResult(), sampleContext({ colorLevel: 0 })));
  });

  it("lists tool errors and marks suppressed findings, which the counts leave out", () => {
    const result = {
      findings: [{ ...endpointSgFinding, suppression: { reason: "owned by the network team", source: "kms-audit.yaml" } }],
      notEvaluated: [],
      paths: [],
      toolErrors: [{ ruleId: "route-blackhole", message: `${ACCOUNT}/${REGION}: unexpected route target` }],
    };
    const text = formatTerminal(result, sampleContext());
    expect(text).toContain("  warning endpoint-sg-no-https (suppressed: owned by the network team)\n");
    expect(text).toContain(`Tool errors\n  route-blackhole: ${ACCOUNT}/${REGION}: unexpected route target\n`);
    expect(text.endsWith("0 errors, 0 warnings, 0 notes · 0 functions, 0 paths: 0 reachable, 0 blocked, 0 unverifiable · 1 suppressed · 1 tool error\n")).toBe(true);
  });
});

describe("summary line", () => {
  it("pluralises and counts reachable paths of both kinds together", () => {
    const base = sampleResult();
    const endpointPath = { ...base.paths[1]!, subnetId: "subnet-0other", verdict: "reachable-via-endpoint" as const };
    const result = { ...base, findings: [noKmsPathFinding, { ...noKmsPathFinding, fingerprint: "x", key: "other" }, endpointSgFinding], paths: [...base.paths, endpointPath] };
    expect(summaryLine(summarize(result))).toBe("2 errors, 1 warning, 0 notes · 1 function, 4 paths: 2 reachable, 1 blocked, 1 unverifiable · 1 not evaluated");
  });
});
