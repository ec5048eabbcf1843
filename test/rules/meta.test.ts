import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { findRule, rules } from "../../src/rules/index.js";
import type { Rule } from "../../src/rules/types.js";
import { placeholdersOf } from "../../src/engine/render.js";
import type { CallName } from "../../src/snapshot/types.js";
import { CALL_NAMES } from "../../src/snapshot/types.js";

const root = process.cwd();
const ruleFiles = readdirSync(join(root, "src", "rules"))
  .filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "types.ts" && f !== "fix.ts")
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const ids = rules.map((r) => r.meta.id);

describe("rule registry", () => {
  it("lists exactly the rule modules of src/rules, sorted by id", () => {
    expect(ids).toEqual(ruleFiles);
    expect([...ids].sort()).toEqual(ids);
  });

  it.each(ruleFiles)("src/rules/%s.ts default-exports the rule with that id", async (file) => {
    const module = (await import(`../../src/rules/${file}.js`)) as { default: Rule };
    expect(module.default.meta.id).toBe(file);
    expect(findRule(file)).toBe(module.default);
  });

  it("ids are unique kebab-case; titles and rationales are unique", () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(rules.map((r) => r.meta.title)).size).toBe(rules.length);
    expect(new Set(rules.map((r) => r.meta.rationale)).size).toBe(rules.length);
  });

  it("findRule returns undefined for an unknown id", () => {
    expect(findRule("no-such-rule")).toBeUndefined();
  });

  it.each(ids)("%s has a test file", (id) => {
    expect(existsSync(join(root, "test", "rules", `${id}.test.ts`))).toBe(true);
  });

  it.each(ids)("%s has complete metadata", (id) => {
    const meta = findRule(id)!.meta;
    expect(meta.securitySeverity).toBeGreaterThan(0);
    expect(meta.securitySeverity).toBeLessThanOrEqual(10);
    expect(["error", "warning", "note"]).toContain(meta.severity);
    expect(meta.rationale.length).toBeGreaterThan(80);
    expect(meta.remediation.text.length).toBeGreaterThan(20);
    expect(meta.remediation.cli.length).toBeGreaterThan(0);
    // Route 53 is global: its commands take no region
    for (const command of meta.remediation.cli) expect(command).toMatch(/^aws (route53 \S+ |\S+ \S+ .*--region <region>)/);
    expect(meta.references.length).toBeGreaterThan(0);
    for (const url of meta.references) expect(url).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//);
    for (const call of meta.requires) expect(CALL_NAMES).toContain(call as CallName);
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    for (const template of Object.values(meta.messages)) expect(placeholdersOf(template).length).toBeGreaterThan(0);
  });

  // Rendering a headline with a placeholder the violation's data lacks throws: the rule tests render every one.
  it.each(ids)("%s has a short headline for each message", (id) => {
    const meta = findRule(id)!.meta;
    const messages = meta.messages as Readonly<Record<string, string>>;
    const headlines = (meta.headlines ?? {}) as Readonly<Record<string, string | undefined>>;
    expect(Object.keys(headlines).sort()).toEqual(Object.keys(messages).sort());
    for (const [messageId, headline] of Object.entries(headlines)) {
      // A headline is what is wrong in a few words: the terminal puts the rule and the resource before it.
      expect(headline!.length).toBeLessThanOrEqual(90);
      expect({ messageId, headline }).not.toEqual({ messageId, headline: expect.stringMatching(/[.:]$/) });
    }
  });
});
