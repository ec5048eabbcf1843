import { JSDOM } from "jsdom";
import { formatJunit } from "../../src/report/junit.js";
import { endpointSgFinding, noKmsPathFinding, noteFinding, sampleContext, sampleResult } from "./support/sample.js";

const { window } = new JSDOM("");
afterAll(() => window.close());

/** Parses XML strictly: a document that is not well-formed yields a parsererror element. */
function parseXml(text: string): Document {
  const document = new window.DOMParser().parseFromString(text, "application/xml");
  const error = document.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent ?? ""}`);
  return document;
}

function counts(element: Element | undefined) {
  return ["tests", "failures", "errors", "skipped"].map((name) => Number(element?.getAttribute(name)));
}

function testCase(document: Document, classname: string, name: string): Element | undefined {
  return [...document.getElementsByTagName("testcase")].find((c) => c.getAttribute("classname") === classname && c.getAttribute("name") === name);
}

const FUNCTION_CLASS = "kms-audit.123456789012.ap-northeast-1.decrypt-orders";

describe("junit report", () => {
  it("has one test case per function and rule, and one per rule on other resources with findings", () => {
    const document = parseXml(formatJunit(sampleResult(), sampleContext()));
    const suites = [...document.getElementsByTagName("testsuite")];
    expect(suites.map((s) => s.getAttribute("name"))).toEqual([
      "function decrypt-orders (123456789012/ap-northeast-1)",
      `vpc-endpoint ${endpointSgFinding.resource.id} (123456789012/ap-northeast-1)`,
    ]);
    expect([...suites[0]!.getElementsByTagName("testcase")].map((c) => c.getAttribute("name"))).toEqual(["eip-quota-pressure", "endpoint-sg-no-https", "lambda-no-kms-path", "nat-where-privatelink"]);
    expect([...suites[1]!.getElementsByTagName("testcase")].map((c) => c.getAttribute("name"))).toEqual(["endpoint-sg-no-https"]);
  });

  it("fails the cases whose findings are at or above --fail-on (default error), and skips rules not evaluated", () => {
    const document = parseXml(formatJunit(sampleResult(), sampleContext()));
    const failure = testCase(document, FUNCTION_CLASS, "lambda-no-kms-path")?.getElementsByTagName("failure")[0];
    expect(failure?.getAttribute("type")).toBe("error");
    expect(failure?.getAttribute("message")).toBe(noKmsPathFinding.message);
    expect(failure?.textContent).toContain(`$ ${noKmsPathFinding.remediation.commands[0]}`);
    const note = testCase(document, FUNCTION_CLASS, "nat-where-privatelink");
    expect(note?.getElementsByTagName("failure")).toHaveLength(0);
    expect(note?.getElementsByTagName("system-out")[0]?.textContent).toContain(noteFinding.message);
    const skipped = testCase(document, FUNCTION_CLASS, "eip-quota-pressure")?.getElementsByTagName("skipped")[0];
    expect(skipped?.getAttribute("message")).toBe("not evaluated: DescribeAddresses failed (UnauthorizedOperation)");
    expect(counts(document.documentElement)).toEqual([5, 1, 0, 1]);
    expect(counts(document.getElementsByTagName("testsuite")[0])).toEqual([4, 1, 0, 1]);
  });

  it("follows --fail-on, suppressions, disabled rules, rule errors and the baseline", () => {
    const warning = parseXml(formatJunit(sampleResult(), sampleContext({ failOn: "warning" })));
    expect(counts(warning.documentElement)).toEqual([5, 2, 0, 1]);
    expect(counts(parseXml(formatJunit(sampleResult(), sampleContext({ failOn: "never" }))).documentElement)).toEqual([5, 0, 0, 1]);

    const suppressed = { ...sampleResult(), findings: [{ ...noKmsPathFinding, suppression: { reason: "accepted", source: "c.yml" } }] };
    expect(counts(parseXml(formatJunit(suppressed, sampleContext())).documentElement)).toEqual([4, 0, 0, 1]);

    const off = parseXml(formatJunit(sampleResult(), sampleContext({ disabledRules: ["nat-where-privatelink"] })));
    expect(testCase(off, FUNCTION_CLASS, "nat-where-privatelink")?.getElementsByTagName("skipped")[0]?.getAttribute("message")).toBe("rule turned off in the configuration");

    const broken = { ...sampleResult(), toolErrors: [{ ruleId: "lambda-no-kms-path", message: "123456789012/ap-northeast-1: boom" }] };
    expect(testCase(parseXml(formatJunit(broken, sampleContext())), FUNCTION_CLASS, "lambda-no-kms-path")?.getElementsByTagName("error")[0]?.getAttribute("message")).toBe("123456789012/ap-northeast-1: boom");

    const baselined = { ...sampleResult(), findings: [{ ...noKmsPathFinding, baselineState: "unchanged" as const }, { ...endpointSgFinding, severity: "error" as const, baselineState: "new" as const }, { ...noteFinding, baselineState: "absent" as const }] };
    const withBaseline = parseXml(formatJunit(baselined, sampleContext({ withBaseline: true })));
    expect(testCase(withBaseline, FUNCTION_CLASS, "lambda-no-kms-path")?.getElementsByTagName("failure")).toHaveLength(0);
    expect(counts(withBaseline.documentElement)).toEqual([5, 1, 0, 1]);
    expect(withBaseline.documentElement.textContent).not.toContain(noteFinding.message);
  });

  it("stays well-formed whatever the messages hold, and is byte-identical for the same input", () => {
    const hostile = { ...noKmsPathFinding, message: `<tag attr="x">&amp; ' ]]> \u0001 \uD800` };
    const text = formatJunit({ ...sampleResult(), findings: [hostile] }, sampleContext());
    const failure = parseXml(text).getElementsByTagName("failure")[0];
    expect(failure?.getAttribute("message")).toBe(`<tag attr="x">&amp; ' ]]> \\x01 \uFFFD`);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kms-audit"')).toBe(true);
    expect(formatJunit(sampleResult(), sampleContext())).toBe(formatJunit(sampleResult(), sampleContext()));
  });
});
