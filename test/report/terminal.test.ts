import type { Finding, ScanResult } from "../../src/engine/types.js";
import { wrap, wrapCommand } from "../../src/report/layout.js";
import { formatTerminal } from "../../src/report/terminal.js";
import { summarize } from "../../src/report/summary.js";
import { summaryLine } from "../../src/report/terminal-summary.js";
import { ACCOUNT, REGION } from "../support/build.js";
import { endpointSgFinding, natPath, noKmsPathFinding, noteFinding, sampleContext, sampleResult } from "./support/sample.js";

const ESC = "\u001b[";

/** The sample's findings with the headlines their rules give them. */
function withHeadlines(): ScanResult {
  const headlines: Record<string, string> = {
    "lambda-no-kms-path": "no path to KMS from 1 of 2 subnets",
    "endpoint-sg-no-https": "its security groups admit no HTTPS from decrypt-orders",
    "nat-where-privatelink": "kms calls go out through NAT nat-0a1b2c3d4e5f60001",
  };
  const result = sampleResult();
  return { ...result, findings: result.findings.map((f) => ({ ...f, headline: headlines[f.ruleId]! })) };
}

describe("terminal report", () => {
  it("a header naming the input, then one section per problem (most severe first): headline, evidence, fix; then what was not evaluated and the summary", () => {
    expect(formatTerminal(withHeadlines(), sampleContext())).toBe(
      [
        "kms-audit 0.1.0 · snapshot fixtures/sample.snapshot.json",
        "account 123456789012, region ap-northeast-1 · no config file",
        "",
        "error lambda-no-kms-path decrypt-orders: no path to KMS from 1 of 2 subnets",
        "  ✗ subnet-0private000000a1: rtb-0main000000000001 (main table of",
        "    subnet-0private000000a1) has no route for 0.0.0.0/0",
        "  $ aws ec2 create-route --route-table-id rtb-0main000000000001 \\",
        "      --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <nat-id>",
        "",
        "warning endpoint-sg-no-https vpce-0kms0000000000001: its security groups admit",
        "    no HTTPS from decrypt-orders",
        "  ✗ sg-0endpoint0000000001 admits no inbound TCP 443",
        "  $ aws ec2 authorize-security-group-ingress --group-id sg-0endpoint0000000001 \\",
        "      --protocol tcp --port 443 --source-group sg-0function00000000001",
        "",
        "note nat-where-privatelink decrypt-orders: kms calls go out through NAT",
        "    nat-0a1b2c3d4e5f60001",
        "  fix: Create an interface endpoint for KMS.",
        "",
        "Not evaluated",
        "  eip-quota-pressure in 123456789012/ap-northeast-1: DescribeAddresses failed",
        "    (UnauthorizedOperation)",
        "",
        "3 problems: 1 error, 1 warning, 1 note · 1 function, 3 paths: 1 reachable, 1",
        "  blocked, 1 unverifiable · 1 not evaluated",
        "",
      ].join("\n"),
    );
  });

  it("names the input and the configuration file in its header", () => {
    const header = (context: Parameters<typeof formatTerminal>[1]) => formatTerminal(withHeadlines(), context).split("\n").slice(0, 2);
    expect(header(sampleContext({ input: { kind: "aws-cli-dir", path: "/work/repo/acme-dump" }, configFile: ".kms-audit.yml" }))).toEqual([
      "kms-audit 0.1.0 · AWS CLI output acme-dump",
      "account 123456789012, region ap-northeast-1 · config .kms-audit.yml",
    ]);
    expect(header(sampleContext({ input: { kind: "live" } }))[0]).toBe("kms-audit 0.1.0 · live collection");
    expect(header(sampleContext({ input: { kind: "template", path: "/work/repo/plan.json", over: { kind: "snapshot", path: "/work/repo/live.json" } } }))[0]).toBe(
      "kms-audit 0.1.0 · change plan.json over snapshot live.json",
    );
  });

  it("wraps to the width it is given, with hanging indents, and no line is longer", () => {
    for (const width of [40, 60, 80, 120]) {
      const lines = formatTerminal(withHeadlines(), sampleContext({ width })).split("\n");
      // a word longer than the line is the only excuse: none here but the command's long words
      expect(lines.filter((l) => [...l].length > width && !l.includes("sg-0endpoint0000000001") && !l.includes("rtb-0main000000000001"))).toEqual([]);
    }
    expect(formatTerminal(withHeadlines(), sampleContext({ width: 120 }))).toContain(
      "error lambda-no-kms-path decrypt-orders: no path to KMS from 1 of 2 subnets\n  ✗ subnet-0private000000a1: rtb-0main000000000001 (main table of subnet-0private000000a1) has no route for 0.0.0.0/0\n",
    );
  });

  it("--verbose adds each finding's full message and every hop of its evidence", () => {
    const text = formatTerminal(withHeadlines(), sampleContext({ verbose: true }));
    expect(text).toContain(
      [
        "error lambda-no-kms-path decrypt-orders: no path to KMS from 1 of 2 subnets",
        "  decrypt-orders has no path to KMS from subnet-0private000000a1 (of 2 subnets):",
        "  expect intermittent timeouts",
        "  ✗ subnet-0private000000a1: vpc-0a1b2c3d4e5f60001 has no interface endpoint for",
        "    com.amazonaws.ap-northeast-1.kms",
        "  ✗ subnet-0private000000a1: rtb-0main000000000001 (main table of",
        "    subnet-0private000000a1) has no route for 0.0.0.0/0",
      ].join("\n"),
    );
    expect(text).toContain("  ✓ rtb-0private0000000001 routes 0.0.0.0/0 to nat-0a1b2c3d4e5f60001\n");
    expect(formatTerminal(withHeadlines(), sampleContext())).not.toContain("vpc-0a1b2c3d4e5f60001 has no interface endpoint");
  });

  it("--severity shows what is at or above it and says how much it hid; the summary still counts everything", () => {
    const text = formatTerminal(withHeadlines(), sampleContext({ showSeverity: "warning" }));
    expect(text).toContain("warning endpoint-sg-no-https");
    expect(text).not.toContain("note nat-where-privatelink");
    expect(text).toContain("3 problems: 1 error, 1 warning, 1 note");
    expect(text).toContain("\n1 less severe problem not shown (--severity warning; --severity note shows all)\n");
    expect(formatTerminal(withHeadlines(), sampleContext({ showSeverity: "error" }))).not.toContain("warning endpoint-sg-no-https");
  });

  it("with a baseline, marks new findings and lists the fixed ones in one line each", () => {
    const result = withHeadlines();
    const states: Record<string, Finding["baselineState"]> = { "lambda-no-kms-path": "new", "endpoint-sg-no-https": "absent", "nat-where-privatelink": "unchanged" };
    const text = formatTerminal({ ...result, findings: result.findings.map((f) => ({ ...f, baselineState: states[f.ruleId]! })) }, sampleContext({ withBaseline: true }));
    expect(text).toContain("error lambda-no-kms-path decrypt-orders: no path to KMS from 1 of 2 subnets ·\n    new\n");
    expect(text).toContain("note nat-where-privatelink decrypt-orders: kms calls go out through NAT\n    nat-0a1b2c3d4e5f60001\n");
    expect(text).toContain("Fixed since the baseline (1)\n  ✓ warning endpoint-sg-no-https vpce-0kms0000000000001: its security groups ad…\n");
    expect(text).toContain("baseline: 1 new, 1 unchanged, 1 fixed");
  });

  it("lists functions with nothing wrong only with --show-passing, and says how many it left out", () => {
    const result: ScanResult = { findings: [], notEvaluated: [], paths: [natPath, { ...natPath, function: { ...natPath.function, id: "fn-10", arn: "arn:fn-10" }, functionName: "fn-10" }, { ...natPath, function: { ...natPath.function, id: "fn-9", arn: "arn:fn-9" }, functionName: "fn-9" }], toolErrors: [] };
    const quiet = formatTerminal(result, sampleContext());
    expect(quiet).toContain("No problems found.\n");
    expect(quiet).toContain("\n3 functions with nothing wrong not listed (--show-passing lists them)\n");
    expect(quiet).not.toContain("Passing");
    // natural order: fn-9 before fn-10
    expect(formatTerminal(result, sampleContext({ showPassing: true }))).toContain(
      "Passing (3)\n  ✓ decrypt-orders: kms via nat-0a1b2c3d4e5f60001 (1 subnet)\n  ✓ fn-9: kms via nat-0a1b2c3d4e5f60001 (1 subnet)\n  ✓ fn-10: kms via nat-0a1b2c3d4e5f60001 (1 subnet)\n",
    );
  });

  it("writes no escape codes at colour level 0 and colours at level 1, breaking lines at the same places", () => {
    expect(formatTerminal(sampleResult(), sampleContext({ colorLevel: 0 }))).not.toContain(ESC);
    const coloured = formatTerminal(sampleResult(), sampleContext({ colorLevel: 1 }));
    expect(coloured).toContain(`${ESC}31m${ESC}1merror${ESC}22m${ESC}39m`);
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(formatTerminal(sampleResult(), sampleContext({ colorLevel: 0 })));
  });

  it("lists tool errors and marks suppressed findings, which the counts leave out", () => {
    const result = {
      findings: [{ ...endpointSgFinding, headline: "admits no HTTPS", suppression: { reason: "owned by the network team", source: "kms-audit.yaml" } }],
      notEvaluated: [],
      paths: [],
      toolErrors: [{ ruleId: "route-blackhole", message: `${ACCOUNT}/${REGION}: unexpected route target` }],
    };
    const text = formatTerminal(result, sampleContext({ width: 200 }));
    expect(text).toContain("warning endpoint-sg-no-https vpce-0kms0000000000001: admits no HTTPS · suppressed: owned by the network team\n\n");
    expect(text).not.toContain("$ aws");
    expect(text).toContain(`Tool errors\n  route-blackhole: ${ACCOUNT}/${REGION}: unexpected route target\n`);
    expect(text.endsWith("\nno findings · 0 functions, 0 paths: 0 reachable · 1 suppressed · 1 tool error\n")).toBe(true);
  });
});

describe("layout", () => {
  it("wraps words with a hanging indent and breaks only a word longer than a line", () => {
    expect(wrap("one two three four five", 12, "", "  ")).toEqual(["one two", "  three four", "  five"]);
    expect(wrap("abcdefghijklmnop", 8, "> ", "  ")).toEqual(["> abcdef", "  ghijkl", "  mnop"]);
    // one run per style and line: the words of a span and the spaces between them are drawn together
    const mark = (t: string) => `<${t}>`;
    expect(wrap([{ text: "a b c", style: mark }, " d ", { text: "e f", style: mark }], 80)).toEqual(["<a b c> d <e f>"]);
    expect(wrap({ text: "one two three", style: mark }, 8)).toEqual(["<one two>", "<three>"]);
    // wide characters take two columns
    expect(wrap("関数 関数 関数", 10)).toEqual(["関数 関数", "関数"]);
  });

  it("breaks a command between words outside quotes, each line but the last ending in a backslash", () => {
    const lines = wrapCommand("aws ec2 create-vpc-endpoint --vpc-id vpc-1 --description 'a b c d e f' --region x", 36, "$ ", "    ");
    expect(lines).toEqual(["$ aws ec2 create-vpc-endpoint \\", "    --vpc-id vpc-1 --description \\", "    'a b c d e f' --region x"]);
  });
});

describe("summary line", () => {
  it("pluralises, leaves out severities and verdicts with none, and counts reachable paths of both kinds together", () => {
    const base = sampleResult();
    const endpointPath = { ...base.paths[1]!, subnetId: "subnet-0other", verdict: "reachable-via-endpoint" as const };
    const result = { ...base, findings: [noKmsPathFinding, { ...noKmsPathFinding, fingerprint: "x", key: "other" }, endpointSgFinding], paths: [...base.paths, endpointPath] };
    expect(summaryLine(summarize(result))).toBe("2 errors, 1 warning · 1 function, 4 paths: 2 reachable, 1 blocked, 1 unverifiable · 1 not evaluated");
    expect(summaryLine(summarize({ ...base, findings: [noteFinding], paths: [natPath], notEvaluated: [] }))).toBe("1 note · 1 function, 1 path: 1 reachable");
  });
});
