/**
 * Every report format under hostile input (test/hostile/support/hostile.ts): whatever the snapshot, the config or a
 * baseline holds, no control byte reaches the output except kms-audit's own colour codes and newlines, no
 * bidirectional formatting character, and in Markdown nothing that GitHub would turn into a mention, a link or
 * HTML. Markdown is rendered as GFM (marked) and its HTML inspected the way GitHub's post-processing sees it.
 */
import fc from "fast-check";
import { JSDOM } from "jsdom";
import { marked } from "marked";
import { buildModel } from "../../src/model/index.js";
import { formatters, renderExplain, renderNotInVpc } from "../../src/report/index.js";
import type { ColorLevel } from "../../src/report/index.js";
import { hostileCase, hostileScan, type HostileCase } from "./support/hostile.js";

const RUNS = { numRuns: 30 };

/** C0 controls but LF, DEL, C1 controls, bidirectional formatting, line and paragraph separators, BOM. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;
/** The Select Graphic Rendition sequences chalk writes: colour and weight, nothing that moves or retitles. */
const SGR = /\u001b\[[0-9;]*m/g;

function expectClean(text: string): void {
  const at = text.search(UNSAFE);
  if (at !== -1) throw new Error(`unsafe U+${text.codePointAt(at)?.toString(16).padStart(4, "0")} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}`);
}

function expectTerminalClean(coloured: string, plain: string): void {
  expectClean(plain);
  expect(plain).not.toContain("\u001b");
  expectClean(coloured.replace(SGR, ""));
  // the colour codes are exactly the plain text's decoration: none came from the data
  expect(coloured.replace(SGR, "")).toBe(plain);
}

function report(c: HostileCase, format: keyof typeof formatters, colorLevel: ColorLevel = 0): string {
  const scanned = hostileScan(c);
  return formatters[format](scanned.result, { ...scanned.context, colorLevel });
}

const dom = new JSDOM("");
afterAll(() => dom.window.close());

function html(markdown: string): Document {
  return new dom.window.DOMParser().parseFromString(marked.parse(markdown, { gfm: true, async: false }), "text/html");
}

/** Text GitHub post-processes (mentions, issue references): outside code, pre and links. */
function processedText(document: Document): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, dom.window.NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest("code, pre, a")) texts.push(node.textContent ?? "");
  }
  return texts;
}

const MARKDOWN_ELEMENTS = new Set(["H1", "H2", "H3", "H4", "P", "TABLE", "THEAD", "TBODY", "TR", "TH", "TD", "CODE", "PRE", "UL", "LI", "BR"]);

describe("reports under hostile input", () => {
  it("terminal: only the tool's colour codes and newlines, with colour on and off", () => {
    fc.assert(
      fc.property(hostileCase(), (c) => {
        const plain = report(c, "terminal", 0);
        expectTerminalClean(report(c, "terminal", 1), plain);
        expectTerminalClean(report(c, "terminal", 3), plain);
      }),
      RUNS,
    );
  });

  it("explain: only the tool's colour codes and newlines, for every function, with colour on and off", () => {
    fc.assert(
      fc.property(hostileCase(), (c) => {
        const { snapshot, result } = hostileScan(c);
        const model = buildModel(snapshot, { servicesFor: () => ["kms"] });
        const arns = [...new Set(result.paths.map((p) => p.function.arn ?? p.function.id))];
        expect(arns.length).toBeGreaterThan(0);
        for (const arn of arns) {
          const paths = model.pathsFor(arn, "kms");
          expectTerminalClean(renderExplain(paths, 1), renderExplain(paths, 0));
          expectClean(renderNotInVpc(c.functionName, arn, "kms"));
        }
      }),
      RUNS,
    );
  });

  it("json: no raw control or bidi character, and the same data after parsing", () => {
    fc.assert(
      fc.property(hostileCase(), (c) => {
        const text = report(c, "json");
        expectClean(text);
        const parsed = JSON.parse(text) as { paths: { functionName: string }[]; snapshot: { file: string }; toolErrors: { message: string }[] };
        expect(parsed.paths.length).toBeGreaterThan(0);
        for (const p of parsed.paths) expect(p.functionName).toBe(c.functionName);
        expect(parsed.toolErrors.map((e) => e.message)).toContain(c.toolError);
      }),
      RUNS,
    );
  });

  it("sarif: no raw control or bidi character, and the same data after parsing", () => {
    fc.assert(
      fc.property(hostileCase(), (c) => {
        const text = report(c, "sarif");
        expectClean(text);
        const parsed = JSON.parse(text) as { runs: { invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[] };
        const notes = parsed.runs[0]?.invocations[0]?.toolExecutionNotifications.map((n) => n.message.text) ?? [];
        expect(notes).toContain(`Rule route-blackhole failed: ${c.toolError}`);
      }),
      RUNS,
    );
  });

  it("junit: well-formed XML, no raw control or bidi character", () => {
    fc.assert(
      fc.property(hostileCase(), (c) => {
        const text = report(c, "junit");
        expectClean(text);
        const xml = new dom.window.DOMParser().parseFromString(text, "application/xml");
        expect(xml.getElementsByTagName("parsererror")).toHaveLength(0);
        expect(xml.documentElement.tagName).toBe("testsuites");
      }),
      RUNS,
    );
  });

  it("markdown: no control or bidi character, mention, link, issue reference or HTML from the data; fences hold", () => {
    fc.assert(
      fc.property(hostileCase(), (c) => {
        const text = report(c, "markdown");
        expectClean(text);
        const document = html(text);
        expect(document.querySelectorAll("a")).toHaveLength(0);
        for (const element of document.body.querySelectorAll("*")) expect(MARKDOWN_ELEMENTS).toContain(element.tagName);
        for (const t of processedText(document)) {
          expect(t).not.toMatch(/@[A-Za-z0-9]/);
          expect(t).not.toMatch(/:\/\/|www\./i);
          expect(t).not.toMatch(/#\d|\bgh-\d/i);
          // a fence closed early by the data would spill the diagram or the commands into the text
          expect(t).not.toMatch(/classDef|linkStyle|--region/);
        }
        for (const pre of document.querySelectorAll("pre")) expect(["language-mermaid", "language-sh"]).toContain(pre.querySelector("code")?.className);
      }),
      RUNS,
    );
  });
});
