import type { Hop } from "../model/types.js";
import type { PathResult } from "../model/types.js";
import type { Severity } from "../rules/types.js";
import type { ResourceRef } from "../snapshot/types.js";

export const REPORT_FORMAT = "kms-audit/report";
export const REPORT_VERSION = 1;

/** The functions, subnets and services whose paths a finding is about (a component finding lists all it affects). */
export interface Affected {
  /** Natural order of names; the ARN when the function has one. */
  readonly functions: readonly { readonly name: string; readonly arn?: string }[];
  readonly subnets: readonly string[];
  readonly services: readonly string[];
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly resource: ResourceRef;
  readonly key?: string;
  /** What is wrong, in a few words (the rule's headline for the message): the terminal's one-line summary. */
  readonly headline?: string;
  readonly message: string;
  /** Set when the finding is about paths: the functions, subnets and services they start from. */
  readonly affected?: Affected;
  readonly evidence: readonly Hop[];
  readonly remediation: { readonly text: string; readonly commands: readonly string[] };
  /** sha256 of kms-audit/v1, rule, account, region, resource id/ARN, key. Never line numbers or message text. */
  readonly fingerprint: string;
  /** Set when a config suppression matches (issue: CI-grade use). Suppressed findings don't count for --fail-on. */
  readonly suppression?: { readonly reason: string; readonly expires?: string; readonly source: string };
  /** Set when a matching suppression has expired: it no longer suppresses, and the message says so. */
  readonly expiredSuppression?: { readonly reason: string; readonly expires: string; readonly source: string };
  /** Set when the scan ran against a baseline report. */
  readonly baselineState?: "new" | "unchanged" | "absent";
}

/** A rule that could not be evaluated in a region, and why. Never a pass, never a fail. */
export interface NotEvaluated {
  readonly ruleId: string;
  readonly account: string;
  readonly region: string;
  readonly reason: string;
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  readonly notEvaluated: readonly NotEvaluated[];
  readonly paths: readonly PathResult[];
  /** Rule failures (a rule threw): reported, never silent. */
  readonly toolErrors: readonly { readonly ruleId: string; readonly message: string }[];
}

/** Options of one scan. Unknown rule ids are a UsageError. */
export interface ScanOptions {
  /** Per-rule severity overrides; "off" disables the rule. */
  readonly severity?: Readonly<Record<string, Severity | "off">>;
  readonly settings?: Partial<import("../rules/types.js").RuleSettings>;
  /** Services to evaluate per function beyond KMS (e.g. from a config file). */
  readonly services?: (fn: import("../snapshot/types.js").LambdaFunction) => readonly string[];
  /** Function names or ARNs (with * wildcards) declared to call KMS at run time (config). */
  readonly kmsDeclarations?: readonly string[];
}
