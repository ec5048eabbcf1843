/**
 * Writes docs/rules/<id>.md and docs/rules/README.md from the rules' metadata, and the rules table between
 * `<!-- rules:start -->` and `<!-- rules:end -->` in README.md when those markers are there.
 * Run: npm run docs
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rules } from "../../src/rules/index.js";
import { GENERATED_BANNER, renderRuleDoc, renderRulesTable } from "../../src/rules/support/doc.js";

export const START_MARKER = "<!-- rules:start -->";
export const END_MARKER = "<!-- rules:end -->";

/** Every generated docs file, by path relative to the repository root. Pure. */
export function renderRuleDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of rules) files.set(`docs/rules/${rule.meta.id}.md`, renderRuleDoc(rule));
  files.set(
    "docs/rules/README.md",
    [GENERATED_BANNER, "", "# kms-audit rules", "", renderRulesTable(rules, "./"), ""].join("\n"),
  );
  return files;
}

/** README.md with its rules table replaced, or undefined when it has no markers. Pure. */
export function renderReadmeTable(readme: string): string | undefined {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start) return undefined;
  return `${readme.slice(0, start + START_MARKER.length)}\n${renderRulesTable(rules, "docs/rules/")}\n${readme.slice(end)}`;
}

function writeAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

export function main(root: string): string[] {
  const written: string[] = [];
  for (const [path, content] of renderRuleDocs()) {
    writeAtomically(join(root, path), content);
    written.push(path);
  }
  const readmePath = join(root, "README.md");
  if (existsSync(readmePath)) {
    const updated = renderReadmeTable(readFileSync(readmePath, "utf8"));
    if (updated !== undefined) {
      writeAtomically(readmePath, updated);
      written.push("README.md");
    }
  }
  return written;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
  for (const path of main(root)) console.log(`wrote ${path}`);
}
