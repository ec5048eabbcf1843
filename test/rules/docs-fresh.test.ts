import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderReadmeTable, renderRuleDocs } from "../../tools/docs/generate-rule-docs.js";

const root = process.cwd();
const stale = "stale: run `npm run docs`";

describe("generated rule docs", () => {
  const expected = renderRuleDocs();

  it.each([...expected.keys()])("%s is up to date", (path) => {
    const onDisk = existsSync(join(root, path)) ? readFileSync(join(root, path), "utf8") : `(missing) ${stale}`;
    expect(onDisk).toBe(expected.get(path));
  });

  it("docs/rules holds no page for a rule that doesn't exist", () => {
    const pages = readdirSync(join(root, "docs", "rules")).sort();
    expect(pages).toEqual([...expected.keys()].map((p) => p.replace("docs/rules/", "")).sort());
  });

  it("the README rules table is up to date when the README has markers", () => {
    const readmePath = join(root, "README.md");
    const readme = existsSync(readmePath) ? readFileSync(readmePath, "utf8") : "";
    const updated = renderReadmeTable(readme);
    expect(updated ?? readme).toBe(readme);
  });

  it("every page has the sections in order", () => {
    for (const [path, content] of expected) {
      if (path.endsWith("README.md")) continue;
      const headings = content.split("\n").filter((line) => line.startsWith("## "));
      expect([path, headings]).toEqual([path, ["## Why", "## How to fix", "## Messages", "## References"]]);
    }
  });
});
