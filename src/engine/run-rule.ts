import type { RegionIndex } from "../model/model.js";
import type { Rule, RuleContext, Severity, Violation } from "../rules/types.js";
import type { Finding } from "./types.js";
import { fingerprint } from "./fingerprint.js";
import { renderMessage } from "./render.js";
import { renderFix } from "../rules/fix.js";
import { affectedBy } from "./affected.js";

/** Runs one rule on one region and turns its violations into findings; throws on a rule bug. */
export function runRule(rule: Rule, context: RuleContext, region: RegionIndex, severityOverride?: Severity): Finding[] {
  const violations: Violation[] = [...rule.check(context, region)];
  return violations.map((violation) => toFinding(rule, violation, severityOverride));
}

export function toFinding(rule: Rule, violation: Violation, severityOverride?: Severity): Finding {
  const template = rule.meta.messages[violation.messageId];
  if (template === undefined) throw new Error(`unknown messageId "${violation.messageId}"`);
  let message: string;
  let headline: string;
  try {
    message = renderMessage(template, violation.data);
    headline = renderMessage(rule.meta.headlines?.[violation.messageId] ?? rule.meta.title, violation.data);
  } catch (error) {
    throw new Error(`message "${violation.messageId}": ${(error as Error).message}`);
  }
  return {
    ruleId: rule.meta.id,
    severity: severityOverride ?? violation.severity ?? rule.meta.severity,
    resource: violation.resource,
    ...(violation.key === undefined ? {} : { key: violation.key }),
    headline,
    message,
    ...(violation.affected === undefined || violation.affected.length === 0 ? {} : { affected: affectedBy(violation.affected) }),
    evidence: violation.evidence ?? [],
    remediation: { text: rule.meta.remediation.text, commands: renderFix(violation.fix ?? []) },
    fingerprint: fingerprint(rule.meta.id, violation.resource, violation.key),
  };
}
