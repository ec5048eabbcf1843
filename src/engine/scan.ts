import { buildModel } from "../model/index.js";
import type { ModelOptions } from "../model/model.js";
import { UsageError } from "../errors.js";
import { rules } from "../rules/index.js";
import type { Rule, RuleContext, Severity } from "../rules/types.js";
import type { Snapshot } from "../snapshot/types.js";
import { freezeEnvelope } from "./freeze.js";
import { missingEvidence } from "./gaps.js";
import { runRule } from "./run-rule.js";
import { resolveSettings } from "./settings.js";
import { compareFindings } from "./sort.js";
import type { Finding, NotEvaluated, ScanOptions, ScanResult } from "./types.js";

const SEVERITY_VALUES: readonly string[] = ["error", "warning", "note", "off"];

function validateOptions(options: ScanOptions, ruleSet: readonly Rule[]): void {
  for (const [ruleId, level] of Object.entries(options.severity ?? {})) {
    if (!ruleSet.some((rule) => rule.meta.id === ruleId)) throw new UsageError(`unknown rule id "${ruleId}" in severity settings`);
    if (!SEVERITY_VALUES.includes(level)) {
      throw new UsageError(`severity of rule "${ruleId}" must be error, warning, note or off, not "${String(level)}"`);
    }
  }
}

function modelOptions(options: ScanOptions): ModelOptions {
  const services = options.services;
  return services === undefined ? {} : { servicesFor: (fn) => services(fn) };
}

/** Snapshot in, findings out: builds the path model, runs every enabled rule per region, renders and sorts. */
export function scan(snapshot: Snapshot, options: ScanOptions = {}): ScanResult {
  return scanWith(rules, snapshot, options);
}

/** scan() over a given rule set (tests use it to run rules that misbehave). */
export function scanWith(ruleSet: readonly Rule[], snapshot: Snapshot, options: ScanOptions = {}): ScanResult {
  validateOptions(options, ruleSet);
  // Deep-freezing all AWS data costs more than parsing it, so only the envelope is frozen here; the RuleTester deep-freezes every rule's input.
  const frozen = freezeEnvelope(snapshot);
  const model = buildModel(frozen, modelOptions(options));
  const context: RuleContext = { snapshot: frozen, model, settings: resolveSettings(options.settings, options.kmsDeclarations) };
  const enabled = ruleSet.filter((rule) => options.severity?.[rule.meta.id] !== "off");

  const findings: Finding[] = [];
  const notEvaluated: NotEvaluated[] = [];
  const toolErrors: { ruleId: string; message: string }[] = [];
  const seen = new Set<string>();

  for (const region of model.regions) {
    for (const rule of enabled) {
      const missing = missingEvidence(rule, region);
      if (missing !== undefined) {
        notEvaluated.push({ ruleId: rule.meta.id, account: region.account, region: region.region, reason: missing });
        continue;
      }
      try {
        for (const finding of runRule(rule as Rule, context, region, override(options, rule))) {
          if (seen.has(finding.fingerprint)) {
            toolErrors.push({ ruleId: rule.meta.id, message: `${region.account}/${region.region}: duplicate finding for ${finding.resource.id} key ${finding.key ?? "(none)"}` });
            continue;
          }
          seen.add(finding.fingerprint);
          findings.push(finding);
        }
      } catch (error) {
        toolErrors.push({ ruleId: rule.meta.id, message: `${region.account}/${region.region}: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  }

  return { findings: findings.sort(compareFindings), notEvaluated, paths: model.paths, toolErrors };
}

function override(options: ScanOptions, rule: Rule): Severity | undefined {
  const level = options.severity?.[rule.meta.id];
  return level === undefined || level === "off" ? undefined : level;
}
