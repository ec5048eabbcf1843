/**
 * The Markdown report, and its Mermaid diagrams checked with mermaid's own parser. mermaid.parse sanitizes labels
 * through DOMPurify, which needs a DOM: jsdom provides the window in Node.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { scan } from "../../src/engine/scan.js";
import type { PathResult } from "../../src/model/types.js";
import { pathDiagram, mermaidText, stepsOf } from "../../src/report/diagram.js";
import { formatMarkdown } from "../../src/report/markdown.js";
import { code, md } from "../../src/report/markdown-text.js";
import { rules } from "../../src/rules/index.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { blockedPath, natPath, noKmsPathFinding, sampleContext, sampleResult, unverifiablePath } from "./support/sample.js";

type Mermaid = { parse(text: string): Promise<unknown> };
let mermaid: Mermaid;
let dom: JSDOM;

beforeAll(async () => {
  dom = new JSDOM("<!doctype html><html><body></body></html>");
  // defineProperty, not assignment: jest guards assignments to globals and recurses on a jsdom window
  Object.defineProperty(globalThis, "window", { value: dom.window, configurable: true, writable: true });
  Object.defineProperty(globalThis, "document", { value: dom.window.document, configurable: true, writable: true });
  mermaid = ((await import("mermaid")) as unknown as { default: Mermaid }).default;
});

afterAll(() => {
  // jest's teardown guards every global it finds, and recurses on a jsdom window: leave none behind
  Reflect.deleteProperty(globalThis, "window");
  Reflect.deleteProperty(globalThis, "document");
  dom.window.close();
});

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
}

function fixtureScan(name: string) {
  const file = path.join("fixtures", name);
  const text = readFileSync(file, "utf8");
  const snapshot = JSON.parse(text) as Snapshot;
  const context = { ...sampleContext(), snapshot, snapshotText: text, snapshotPath: file, workingDirectory: process.cwd(), rules: rules.map((r) => r.meta) };
  const result = scan(snapshot);
  return { result, report: formatMarkdown(result, context) };
}

function fixtureReport(name: string): string {
  return fixtureScan(name).report;
}

/** Paths of the functions that lack a path in some subnet: each gets a diagram. */
function diagrammedPaths(paths: readonly PathResult[]): number {
  const lacking = new Set(paths.filter((p) => !p.verdict.startsWith("reachable")).map((p) => p.function.arn));
  return paths.filter((p) => lacking.has(p.function.arn)).length;
}

describe("markdown report of every fixture", () => {
  const fixtures = readdirSync("fixtures").filter((name) => name.endsWith(".snapshot.json")).sort();

  it.each(fixtures)("%s: renders, and every Mermaid diagram parses", async (name) => {
    const { result, report } = fixtureScan(name);
    expect(report.startsWith("# kms-audit report\n")).toBe(true);
    const blocks = mermaidBlocks(report);
    expect(blocks).toHaveLength(diagrammedPaths(result.paths));
    for (const block of blocks) await expect(mermaid.parse(block)).resolves.toEqual(expect.objectContaining({ diagramType: "flowchart-v2" }));
  });

  it("draws the no-path fixture's both subnets as blocked, with the failing hops marked", () => {
    const report = fixtureReport("no-path.snapshot.json");
    const blocks = mermaidBlocks(report);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toContain('n1["route-table rtb-0a1b2c3d4e5f60001<br/>✗ NO_ROUTE_TO_DESTINATION"]');
    expect(blocks[0]).toContain("class service,n0,n1 fail");
    expect(report).toContain("#### Fix");
  });

  it("lists each finding in a line, and gives a shared component's finding its own section with the message and the fix", () => {
    const { result, report } = fixtureScan("lz-no-return-route.snapshot.json");
    const hub = result.findings.find((f) => f.ruleId === "landing-route-missing")!;
    expect(hub.resource.type).toBe("route-table");
    expect(report).toContain(`| error | \`landing-route-missing\` | \`${hub.resource.arn}\` | open | ${md(hub.headline!)} |`);
    const causes = report.slice(report.indexOf("## Root causes\n"), report.indexOf("## Function "));
    expect(causes).toContain(`### error \`landing-route-missing\` \`${hub.resource.id}\`\n\n${md(hub.message)}`);
    expect(causes).toContain(`\`\`\`sh\n${hub.remediation.commands.join("\n")}\n\`\`\``);
    expect(causes).not.toContain("lambda-no-kms-path");
    // the function's own finding: its whole message in its section, not in the table
    const own = result.findings.find((f) => f.ruleId === "lambda-no-kms-path")!;
    expect(report.split("\n").filter((line) => line.startsWith("| error |")).join("\n")).not.toContain(md(own.message));
    expect(report.slice(report.indexOf("## Function ")).split("\n\n")).toContain(md(own.message));
  });

  it("leaves out functions whose every path is reachable", () => {
    expect(fixtureReport("nat-path-works.snapshot.json")).not.toContain("## Function ");
  });

  it("is byte-identical for the same input", () => {
    expect(fixtureReport("two-subnets-one-without-path.snapshot.json")).toBe(fixtureReport("two-subnets-one-without-path.snapshot.json"));
  });
});

describe("path diagram", () => {
  it("is checked by a parser that rejects broken diagrams", async () => {
    await expect(mermaid.parse('flowchart LR\n  a["x" --> b')).rejects.toThrow(/Parse error/);
  });

  it("follows subnet → route table → NAT gateway → internet gateway → service on a working NAT path", () => {
    const diagram = pathDiagram({
      ...natPath,
      attempts: [
        {
          kind: "nat-gateway",
          outcome: "reachable",
          hops: [
            ...natPath.attempts[0]!.hops,
            { component: { type: "security-group", id: "sg-1" }, status: "pass", code: "SG_ADMITS", detail: "admits" },
            { component: { type: "nat-gateway", id: "nat-1" }, status: "pass", code: "COMPONENT_AVAILABLE", detail: "available" },
            { component: { type: "internet-gateway", id: "igw-1" }, status: "pass", code: "COMPONENT_AVAILABLE", detail: "attached" },
          ],
        },
      ],
    });
    expect(diagram.split("\n").filter((line) => line.includes("-->"))).toEqual([
      '  start -->|"NAT gateway"| n0',
      "  n0 --> n1",
      "  n1 --> n2",
      '  n2 -->|"HTTPS 443"| service',
    ]);
    expect(diagram).not.toContain("sg-1");
  });

  it("marks an unknown hop and a dashed edge for an unverifiable path", async () => {
    const diagram = pathDiagram({
      ...unverifiablePath,
      attempts: [{ kind: "other", via: { type: "transit-gateway", id: "tgw-0a1b2c3d4e5f60001" }, outcome: "unverifiable", hops: unverifiablePath.blocking }],
    });
    expect(diagram).toContain('start -->|"route: ? 0.0.0.0/0 goes to tgw-0a1b2c3d4e5f60001, beyond the snapshot"| n0');
    expect(diagram).toContain('n0 -.->|"unverifiable"| service');
    expect(diagram).toContain("class service,n0 unknown");
    expect(diagram).toContain("linkStyle 0 stroke:#b8860b");
    await expect(mermaid.parse(diagram)).resolves.toBeDefined();
  });

  it("escapes ids, quotes, brackets and markup in labels so the diagram still parses", async () => {
    const hostile = 'sg-"x"] --> evil[<b>#1</b>|{a}`;%%';
    const path: PathResult = {
      ...blockedPath,
      functionName: 'fn "quoted" [1]',
      attempts: [{ kind: "interface-endpoint", outcome: "blocked", hops: [{ component: { type: "security-group", id: hostile, name: "a\nb" }, status: "fail", code: "ENI_SG_RULES_MISMATCH", detail: `${hostile} admits nothing` }] }],
    };
    const diagram = pathDiagram(path);
    expect(mermaidText('"[<#>]|')).toBe("#34;#91;#60;#35;#62;#93;#124;");
    expect(diagram).not.toContain("<b>");
    expect(diagram).not.toContain('"x"');
    await expect(mermaid.parse(diagram)).resolves.toBeDefined();
  });

  it("merges consecutive hops of one component and keeps the failing one", () => {
    const steps = stepsOf({
      kind: "interface-endpoint",
      outcome: "blocked",
      hops: [
        { component: { type: "vpc-endpoint", id: "vpce-1" }, status: "pass", code: "ENDPOINT_FOUND", detail: "found" },
        { component: { type: "vpc-endpoint", id: "vpce-1" }, status: "fail", code: "ENDPOINT_STATE", detail: "pending" },
        { component: { type: "network-acl", id: "acl-1" }, status: "pass", code: "ACL_ADMITS", detail: "ok" },
      ],
    });
    expect(steps).toEqual([{ component: { type: "vpc-endpoint", id: "vpce-1" }, mark: "fail", reason: expect.objectContaining({ code: "ENDPOINT_STATE" }) }]);
  });
});

describe("markdown text", () => {
  it("escapes Markdown and HTML in free text and keeps code spans intact", () => {
    expect(md("a|b <script> *x* [l](u) & _y_")).toBe("a\\|b \\<script\\> \\*x\\* \\[l\\](u) &amp; \\_y\\_");
    expect(code("a`b|c")).toBe("``a`b\\|c``");
  });

  it("shows suppressed and baseline states in the findings table and counts them apart", () => {
    const result = { ...sampleResult(), findings: [{ ...noKmsPathFinding, suppression: { reason: "accepted risk", source: "c.yml" }, baselineState: "unchanged" as const }] };
    const report = formatMarkdown(result, sampleContext());
    expect(report).toContain("| Errors | 0 |");
    expect(report).toContain("| Suppressed | 1 |");
    expect(report).toContain("| Unchanged since baseline | 1 |");
    expect(report).toContain("| unchanged; suppressed: accepted risk |");
  });

  it("--severity shows the findings at or above it and says how many it left out; the summary still counts them all", () => {
    const all = formatMarkdown(sampleResult(), sampleContext());
    const errors = formatMarkdown(sampleResult(), sampleContext({ showSeverity: "error" }));
    expect(all).toContain("`nat-where-privatelink`");
    expect(errors).not.toContain("`nat-where-privatelink`");
    expect(errors).not.toContain("`endpoint-sg-no-https`");
    expect(errors).toContain("`lambda-no-kms-path`");
    expect(errors).toContain("\n\n2 less severe findings not shown (--severity error).\n\n");
    expect(errors).toContain("| Notes | 1 |");
  });
});
