/**
 * ESLint-style RuleTester: one describe per rule, one it per case. Valid cases must produce no violation; invalid
 * cases exactly the listed ones, in order. It also checks that messageIds exist, every placeholder is filled, the
 * input is never mutated (it is deep-frozen), case names are unique, and meta.id names the rule's own file.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildModel } from "../../src/model/index.js";
import { deepFreeze } from "../../src/engine/freeze.js";
import { missingEvidence } from "../../src/engine/gaps.js";
import { toFinding } from "../../src/engine/run-rule.js";
import { resolveSettings } from "../../src/engine/settings.js";
import type { Finding } from "../../src/engine/types.js";
import type { Rule, RuleSettings, Severity, Violation } from "../../src/rules/types.js";
import type { LambdaFunction, Snapshot } from "../../src/snapshot/types.js";

export interface CaseOptions {
  readonly settings?: Partial<RuleSettings>;
  readonly services?: (fn: LambdaFunction) => readonly string[];
  readonly kmsDeclarations?: readonly string[];
}

export interface ValidCase extends CaseOptions {
  readonly name: string;
  readonly snapshot: Snapshot;
}

export interface ExpectedViolation {
  readonly messageId: string;
  readonly resourceId: string;
  readonly key?: string;
  readonly severity?: Severity;
  /** A subset of the violation's data, compared exactly. */
  readonly data?: Readonly<Record<string, string | number>>;
}

export interface InvalidCase extends ValidCase {
  readonly violations: readonly ExpectedViolation[];
  /** Further assertions on the rendered findings (messages, fix commands). */
  readonly findings?: (findings: readonly Finding[]) => void;
}

export interface RuleTestOutcome {
  readonly violations: Violation[];
  readonly findings: Finding[];
  /** Regions skipped because a call the rule requires is missing. */
  readonly skipped: string[];
}

/** Runs the rule over every region of the (frozen) snapshot, rendering each violation as the engine would. */
export function runRuleOn(rule: Rule, testCase: ValidCase): RuleTestOutcome {
  const snapshot = deepFreeze(testCase.snapshot);
  const before = JSON.stringify(snapshot);
  const services = testCase.services;
  const model = buildModel(snapshot, services === undefined ? {} : { servicesFor: (fn) => services(fn) });
  const context = { snapshot, model, settings: resolveSettings(testCase.settings, testCase.kmsDeclarations) };
  const violations: Violation[] = [];
  const findings: Finding[] = [];
  const skipped: string[] = [];
  for (const region of model.regions) {
    const missing = missingEvidence(rule, region);
    if (missing !== undefined) {
      skipped.push(`${region.account}/${region.region}: ${missing}`);
      continue;
    }
    for (const violation of rule.check(context, region)) {
      violations.push(violation);
      findings.push(toFinding(rule, violation));
    }
  }
  if (JSON.stringify(snapshot) !== before) throw new Error("the rule changed its input");
  return { violations, findings, skipped };
}

function assertWellFormed(rule: Rule, violation: Violation, finding: Finding): void {
  expect(Object.keys(rule.meta.messages)).toContain(violation.messageId);
  for (const [name, value] of Object.entries(violation.data)) {
    expect([name, String(value)]).not.toEqual([name, "undefined"]);
    expect([name, String(value)]).not.toEqual([name, "NaN"]);
  }
  expect(finding.message).not.toMatch(/\{\{|\}\}|undefined|NaN/);
  for (const line of finding.remediation.commands) {
    // A comment, a value to choose on its own line, or an AWS CLI command (its output possibly kept in a variable).
    expect(line).toMatch(/^(# .*|[A-Z_]+='.*'|[A-Z_]+=[^ ]*|(?:[A-Z_]+=\$\()?aws .*)$/);
    expect(line).not.toMatch(/undefined|NaN/);
    if (!line.startsWith("#")) expect(line).not.toMatch(/<[a-z][a-z -]*>/);
  }
}

function actualOf(violation: Violation, rule: Rule, expected: ExpectedViolation): ExpectedViolation {
  return {
    messageId: violation.messageId,
    resourceId: violation.resource.id,
    ...(expected.key === undefined ? {} : { key: violation.key ?? "(none)" }),
    ...(expected.severity === undefined ? {} : { severity: violation.severity ?? rule.meta.severity }),
    ...(expected.data === undefined ? {} : { data: Object.fromEntries(Object.keys(expected.data).map((k) => [k, violation.data[k] ?? "(missing)"])) }),
  };
}

export const ruleTester = {
  run(rule: Rule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
    describe(rule.meta.id, () => {
      const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
      it("has unique case names, valid and invalid cases, and meta.id naming its own file", () => {
        expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
        expect(cases.valid.length).toBeGreaterThan(0);
        expect(cases.invalid.length).toBeGreaterThan(0);
        expect(existsSync(join(process.cwd(), "src", "rules", `${rule.meta.id}.ts`))).toBe(true);
      });

      for (const testCase of cases.valid) {
        it(`valid: ${testCase.name}`, () => {
          const outcome = runRuleOn(rule, testCase);
          expect(outcome.violations.map((v) => `${v.messageId} ${v.resource.id} ${v.key ?? ""}`)).toEqual([]);
        });
      }

      for (const testCase of cases.invalid) {
        it(`invalid: ${testCase.name}`, () => {
          const outcome = runRuleOn(rule, testCase);
          outcome.violations.forEach((v, i) => assertWellFormed(rule, v, outcome.findings[i]!));
          const actual = outcome.violations.map((v, i) => actualOf(v, rule, testCase.violations[i] ?? { messageId: "", resourceId: "" }));
          expect(actual).toEqual(testCase.violations);
          testCase.findings?.(outcome.findings);
        });
      }
    });
  },
};
