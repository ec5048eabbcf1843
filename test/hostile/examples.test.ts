/**
 * The attacks of issue 11, one by one, against every format: a function named to change the terminal's title
 * (OSC 0), a suppression reason that wipes the screen (CSI 2J), a hop detail that plants a hidden hyperlink (OSC 8),
 * a message that overwrites its own line (CR); and in Markdown, a tag that pings a team, a bare URL, a bidi override
 * and a fence-closing command.
 */
import { JSDOM } from "jsdom";
import { marked } from "marked";
import type { Finding, ScanResult } from "../../src/engine/types.js";
import type { Hop, PathResult } from "../../src/model/types.js";
import { formatters, renderExplain, renderNotInVpc } from "../../src/report/index.js";
import { code, fenced, md, table } from "../../src/report/markdown-text.js";
import { ESCAPED_COMMANDS } from "../../src/report/text.js";
import { blockedPath, functionRef, noKmsPathFinding, noRouteHop, sampleContext } from "../report/support/sample.js";

const TITLE = "orders\u001b]0;pwned\u0007"; // OSC 0: set the window title
const WIPE = "ok\u001b[2J\u001b[H"; // CSI 2J: erase the screen, cursor home
const LINK = "see \u001b]8;;https://evil.example/\u001b\\the docs\u001b]8;;\u001b\\"; // OSC 8: hidden hyperlink
const OVERWRITE = "route missing\rall paths reachable, nothing to fix  "; // CR: rewrite the line

const hop: Hop = { ...noRouteHop, detail: LINK };
const path: PathResult = { ...blockedPath, functionName: TITLE, function: { ...functionRef, id: TITLE, arn: `arn:aws:lambda:ap-northeast-1:123456789012:function:${TITLE}` }, attempts: [{ kind: "other", outcome: "blocked", hops: [hop] }], blocking: [hop] };
const finding: Finding = {
  ...noKmsPathFinding,
  resource: path.function,
  message: OVERWRITE,
  evidence: [hop],
  suppression: { reason: WIPE, source: ".kms-audit.yml: suppressions[0]" },
};
const result: ScanResult = { findings: [finding], notEvaluated: [], paths: [path], toolErrors: [] };

function everyFormat(colorLevel: 0 | 1): Record<string, string> {
  const context = sampleContext({ colorLevel });
  return {
    terminal: formatters.terminal(result, context),
    explain: renderExplain([path], colorLevel),
    json: formatters.json(result, context),
    sarif: formatters.sarif(result, context),
    markdown: formatters.markdown(result, context),
    junit: formatters.junit(result, context),
  };
}

/** Every ESC in the text starts an SGR colour sequence (chalk's), nothing else; no other C0/C1 control but LF. */
function onlyColourAndNewlines(text: string): void {
  expect(text.replace(/\u001b\[[0-9;]*m/g, "")).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
}

describe.each([0, 1] as const)("issue 11 item 1 at colour level %s", (level) => {
  const outputs = everyFormat(level);

  it.each(Object.keys(outputs))("%s: no title change, screen wipe, hidden link or carriage return reaches the output", (format) => {
    const text = outputs[format]!;
    onlyColourAndNewlines(text);
    expect(text).not.toContain("\u001b]");
    expect(text).not.toContain("\u001b[2J");
    expect(text).not.toContain("\r");
  });

  it("terminal and explain show the values with their controls as escapes", () => {
    const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");
    // wide enough that no line wraps inside the escapes
    const wide = (r: ScanResult) => plain(formatters.terminal(r, sampleContext({ colorLevel: level, width: 300 })));
    expect(outputs.terminal).toBe(formatters.terminal(result, sampleContext({ colorLevel: level })));
    expect(wide(result)).toContain("error lambda-no-kms-path orders\\x1b]0;pwned\\x07: route missing\\x0dall paths reachable, nothing to fix · suppressed: ok\\x1b[2J\\x1b[H\n");
    const unsuppressed = wide({ ...result, findings: [{ ...finding, suppression: undefined }] });
    expect(unsuppressed).toContain("  ✗ subnet-0private000000a1: see \\x1b]8;;https://evil.example/\\x1b\\the docs\\x1b]8;;\\x1b\\\n");
    onlyColourAndNewlines(unsuppressed);
    const passing = wide({ ...result, findings: [], paths: [{ ...path, verdict: "reachable-via-nat", blocking: [], via: { type: "nat-gateway", id: "nat-1" } }] });
    expect(plain(formatters.terminal({ ...result, findings: [], paths: [{ ...path, verdict: "reachable-via-nat", blocking: [], via: { type: "nat-gateway", id: "nat-1" } }] }, sampleContext({ colorLevel: level, showPassing: true, width: 300 })))).toContain(
      "  ✓ orders\\x1b]0;pwned\\x07: kms via nat-1 (1 subnet)\n",
    );
    expect(passing).not.toContain("\u001b]");
    const explain = plain(outputs.explain!);
    expect(explain).toContain("function orders\\x1b]0;pwned\\x07 ");
    expect(explain).toContain("[NO_ROUTE_TO_DESTINATION] see \\x1b]8;;https://evil.example/\\x1b\\the docs");
  });
});

describe("the other formats keep the data", () => {
  it("json and sarif escape the controls and parse back to the same strings", () => {
    const { json, sarif } = everyFormat(0);
    const report = JSON.parse(json!) as { findings: Finding[]; paths: { functionName: string }[] };
    expect(report.findings[0]?.message).toBe(OVERWRITE);
    expect(report.findings[0]?.suppression?.reason).toBe(WIPE);
    expect(report.paths[0]?.functionName).toBe(TITLE);
    expect(json).toContain('"functionName": "orders\\u001b]0;pwned\\u0007"');
    expect((JSON.parse(sarif!) as { runs: { results: { message: { text: string } }[] }[] }).runs[0]?.results[0]?.message.text).toBe(OVERWRITE);
  });

  it("json writes C1 controls, DEL, bidi overrides and U+2028/2029 as \\u escapes", () => {
    const text = formatters.json({ ...result, findings: [{ ...finding, message: "a\u009b2Jb\u007fc\u202ed\u2028e\u2029f" }] }, sampleContext());
    expect(text).toContain('"message": "a\\u009b2Jb\\u007fc\\u202ed\\u2028e\\u2029f"');
    expect((JSON.parse(text) as { findings: Finding[] }).findings[0]?.message).toBe("a\u009b2Jb\u007fc\u202ed\u2028e\u2029f");
  });

  it("junit makes controls and bidi overrides visible in attributes and text", () => {
    const text = formatters.junit({ ...result, findings: [{ ...finding, suppression: undefined, message: "a\u202eb\u0085c" }] }, sampleContext());
    expect(text).toContain('message="a\\u{202e}b\\x85c"');
    expect(text).toContain("error lambda-no-kms-path: a\\u{202e}b\\x85c\n");
  });

  it("explain of a function outside any VPC makes its name visible", () => {
    expect(renderNotInVpc(TITLE, "arn:x", "kms")).toBe(
      "function orders\\x1b]0;pwned\\x07 arn:x\nnot attached to a VPC: Lambda runs it outside your VPCs, so there is no VPC path to kms to trace.\n",
    );
  });

  it("a fix command that had to be escaped says so, in the terminal, Markdown and JUnit", () => {
    const hostileFix = { ...finding, suppression: undefined, remediation: { text: "t", commands: ["aws ec2 delete-route --route-table-id 'rtb-1\nx'"] } };
    const withFix: ScanResult = { ...result, findings: [hostileFix] };
    const terminal = formatters.terminal(withFix, sampleContext({ width: 200 }));
    expect(terminal).toContain("  $ aws ec2 delete-route --route-table-id 'rtb-1\\x0ax'\n  (control characters");
    expect(terminal).toContain(ESCAPED_COMMANDS);
    expect(formatters.markdown(withFix, sampleContext())).toContain("--route-table-id 'rtb-1\\x0ax'\n```\n\n(control characters in these commands are shown escaped; --format json has them exactly)");
    expect(formatters.junit(withFix, sampleContext())).toContain(ESCAPED_COMMANDS);
    expect(formatters.terminal(result, sampleContext())).not.toContain(ESCAPED_COMMANDS);
  });
});

/**
 * GitHub links mentions and issue references after rendering, outside code: a backslash or an entity (&#64;) does
 * not stop them (github/markup#1168, github/cmark-gfm#181), a code span does. GFM autolinks bare URLs, www. and
 * e-mail addresses, again not inside code.
 */
describe("issue 11 item 8: Markdown", () => {
  const dom = new JSDOM("");
  afterAll(() => dom.window.close());
  const render = (markdown: string) => new dom.window.DOMParser().parseFromString(marked.parse(markdown, { gfm: true, async: false }), "text/html").body;

  it.each([
    ["owned by @team", "owned by `@team`"],
    ["ask @org/security-team", "ask `@org/security-team`"],
    ["mail ops@corp.example", "mail `ops@corp.example`"],
    ["see https://evil.example/login now", "see `https://evil.example/login` now"],
    ["see www.evil.example", "see `www.evil.example`"],
    ["fixes #12 and owner/repo#3 and GH-7", "fixes `#12` and `owner/repo#3` and `GH-7`"],
    ["thanks @team, see (www.evil.example).", "thanks `@team`, see (`www.evil.example`)."],
    ["ends in a dot: @team...", "ends in a dot: `@team`..."],
  ])("md(%j) shows the word as code: %j", (text, expected) => {
    expect(md(text)).toBe(expected);
    const body = render(md(text));
    expect(body.querySelectorAll("a")).toHaveLength(0);
    expect(body.textContent?.trim()).toBe(text);
  });

  it("a backslash of the data just before a | can't end a table cell early", () => {
    const cell = md("GH-7\\| cell");
    expect(cell).toBe("`GH-7\\x5c\\|` cell");
    const body = render(table(["function", "rule"], [[cell, "x"]]));
    expect([...body.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["GH-7\\x5c| cell", "x"]);
    expect(body.querySelector("td code")?.textContent).toBe("GH-7\\x5c|");
  });

  it("leaves words GitHub doesn't link as escaped text", () => {
    expect(md("rtb-0a1 (main) has no route: add 0.0.0.0/0 -> nat_1 *now*")).toBe("rtb-0a1 (main) has no route: add 0.0.0.0/0 -\\> nat\\_1 \\*now\\*");
  });

  it("makes bidi overrides and controls visible, in text, code spans and fences", () => {
    expect(render(md("evil\u202etxt.exe \u001b[2J")).textContent?.trim()).toBe("evil\\u{202e}txt.exe \\x1b[2J");
    expect(code("a\u2066b")).toBe("`a\\u{2066}b`");
    expect(fenced("sh", "aws 'x\u202ey'\naws z")).toBe("```sh\naws 'x\\u{202e}y'\naws z\n```");
  });

  it("a command can't close its fence, whatever backtick run it holds", () => {
    const markdown = fenced("sh", "aws ec2 x '```'\n`````\n# @team https://evil.example");
    expect(markdown.startsWith("``````sh\n")).toBe(true);
    const body = render(markdown);
    expect(body.querySelectorAll("pre")).toHaveLength(1);
    expect(body.querySelector("pre")?.textContent).toBe("aws ec2 x '```'\n`````\n# @team https://evil.example\n");
  });

  it("the whole report: a hostile suppression reason and message ping nobody and link nowhere", () => {
    const markdown = formatters.markdown(
      { ...result, findings: [{ ...finding, message: "ping @team at https://evil.example", suppression: { reason: "@org/admins said so www.evil.example", source: "x" } }] },
      sampleContext(),
    );
    const body = render(markdown);
    expect(body.querySelectorAll("a")).toHaveLength(0);
    const codes = [...body.querySelectorAll("code")].map((c) => c.textContent);
    expect(codes).toEqual(expect.arrayContaining(["@team", "https://evil.example", "@org/admins", "www.evil.example"]));
  });
});
