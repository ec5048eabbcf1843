import type { Finding, NotEvaluated } from "../engine/types.js";
import type { Severity } from "../rules/types.js";
import type { ResourceRef } from "../snapshot/types.js";
import { hasUnsafeCharacters, visible } from "../text/visible.js";
import type { Formatter, ReportContext } from "./context.js";
import { groupByResource, type ResourceGroup } from "./resource-groups.js";
import { sortedRules } from "./sarif-rules.js";
import { ESCAPED_COMMANDS, STATUS_MARK } from "./text.js";
import { TOOL_NAME } from "./tool.js";
import { element, xmlText } from "./xml.js";

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, note: 1 };

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

interface Case {
  readonly xml: string;
  readonly outcome: "passed" | "failure" | "error" | "skipped";
}

/** What fails a test case: exactly what fails the build (--fail-on, suppressions, and with a baseline only new findings). */
function fails(finding: Finding, context: ReportContext): boolean {
  const failOn = context.failOn ?? "error";
  if (failOn === "never" || finding.suppression) return false;
  if (context.withBaseline && finding.baselineState !== "new") return false;
  return RANK[finding.severity] >= RANK[failOn];
}

/** A finding as lines of text; whatever came from the data is made visible, so each of its lines stays one line. */
function findingText(finding: Finding): string {
  const lines = [visible(`${finding.severity} ${finding.ruleId}: ${finding.message}`)];
  for (const hop of finding.evidence.filter((h) => h.status === "fail" || h.status === "unknown")) {
    lines.push(`  ${STATUS_MARK[hop.status]} ${visible(`${hop.component.type} ${hop.component.id} [${hop.code}] ${hop.detail}`)}`);
  }
  if (finding.suppression) lines.push(`  suppressed: ${visible(`${finding.suppression.reason} (${finding.suppression.source})`)}`);
  if (finding.baselineState) lines.push(`  baseline: ${finding.baselineState}`);
  if (finding.remediation.commands.length > 0) {
    lines.push("  fix:", ...finding.remediation.commands.map((c) => `    $ ${visible(c)}`));
    if (finding.remediation.commands.some(hasUnsafeCharacters)) lines.push(`  ${ESCAPED_COMMANDS}`);
  } else lines.push(`  fix: ${visible(finding.remediation.text)}`);
  return lines.join("\n");
}

function className(resource: ResourceRef): string {
  const place = `${TOOL_NAME}.${resource.account}.${resource.region}`;
  return resource.type === "lambda-function" ? `${place}.${resource.id}` : `${place}.${resource.type}.${resource.id}`;
}

function testCase(resource: ResourceRef, ruleId: string, findings: readonly Finding[], context: ReportContext, notEvaluated: NotEvaluated | undefined, toolError: string | undefined): Case {
  const attributes = [["classname", className(resource)] as const, ["name", ruleId] as const];
  if (context.disabledRules?.includes(ruleId)) {
    return { outcome: "skipped", xml: element("testcase", attributes, element("skipped", [["message", "rule turned off in the configuration"]])) };
  }
  if (toolError !== undefined) {
    return { outcome: "error", xml: element("testcase", attributes, element("error", [["type", "rule-error"], ["message", toolError]])) };
  }
  if (notEvaluated !== undefined) {
    return { outcome: "skipped", xml: element("testcase", attributes, element("skipped", [["message", `not evaluated: ${notEvaluated.reason}`]])) };
  }
  const failing = findings.filter((f) => fails(f, context));
  const output = findings.length > 0 ? element("system-out", [], xmlText(findings.map(findingText).join("\n\n"))) : undefined;
  if (failing.length === 0) return { outcome: "passed", xml: element("testcase", attributes, output) };
  const first = failing[0]!;
  const failure = element("failure", [["type", first.severity], ["message", failing.length > 1 ? `${first.message} (and ${failing.length - 1} more)` : first.message]], xmlText(failing.map(findingText).join("\n\n")));
  return { outcome: "failure", xml: element("testcase", attributes, `${failure}${output ?? ""}`) };
}

function suiteName(group: ResourceGroup): string {
  const { resource } = group;
  const what = resource.type === "lambda-function" ? `function ${group.displayName}` : `${resource.type} ${resource.id}`;
  return `${what} (${resource.account}/${resource.region})`;
}

function add(total: Counts, outcome: Case["outcome"]): void {
  total.tests += 1;
  if (outcome === "failure") total.failures += 1;
  if (outcome === "error") total.errors += 1;
  if (outcome === "skipped") total.skipped += 1;
}

function countAttributes(counts: Counts): [string, number][] {
  return [
    ["tests", counts.tests],
    ["failures", counts.failures],
    ["errors", counts.errors],
    ["skipped", counts.skipped],
  ];
}

/**
 * JUnit XML: a test suite per function (one test case per rule) and per other resource with findings (one test case
 * per rule that reported on it). A case fails when a finding fails the build (README, "CI use"); findings that don't
 * are in its system-out. Rules off are skipped, rules not evaluated in the region are skipped with the reason, rules
 * that failed are errors. No timestamps or durations: the same input gives the same bytes.
 */
export const formatJunit: Formatter = (result, context) => {
  const ruleIds = sortedRules(context.rules).map((r) => r.id);
  const present = result.findings.filter((f) => f.baselineState !== "absent");
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: string[] = [];
  for (const group of groupByResource(present, result.paths)) {
    const { resource } = group;
    const rulesHere = resource.type === "lambda-function" ? ruleIds : [...new Set(group.findings.map((f) => f.ruleId))].sort();
    const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const cases = rulesHere.map((ruleId) => {
      const notEvaluated = result.notEvaluated.find((n) => n.ruleId === ruleId && n.account === resource.account && n.region === resource.region);
      const errors = result.toolErrors.filter((e) => e.ruleId === ruleId).map((e) => e.message).sort();
      const made = testCase(resource, ruleId, group.findings.filter((f) => f.ruleId === ruleId), context, notEvaluated, errors.length > 0 ? errors.join("; ") : undefined);
      add(counts, made.outcome);
      add(total, made.outcome);
      return made.xml;
    });
    const properties = element("properties", [], [
      element("property", [["name", "resource"], ["value", resource.arn ?? resource.id]]),
      element("property", [["name", "account"], ["value", resource.account]]),
      element("property", [["name", "region"], ["value", resource.region]]),
    ].join(""));
    suites.push(`  ${element("testsuite", [["name", suiteName(group)], ...countAttributes(counts)], `\n    ${[properties, ...cases].join("\n    ")}\n  `)}`);
  }
  const root = element("testsuites", [["name", TOOL_NAME], ...countAttributes(total)], suites.length > 0 ? `\n${suites.join("\n")}\n` : "");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
};
