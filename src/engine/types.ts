import type { Hop } from "../model/types.js";
import type { PathResult } from "../model/types.js";
import type { Severity } from "../rules/types.js";
import type { ResourceRef } from "../snapshot/types.js";

export const REPORT_FORMAT = "kms-audit/report";
export const REPORT_VERSION = 1;

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly resource: ResourceRef;
  readonly key?: string;
  readonly message: string;
  readonly evidence: readonly Hop[];
  readonly remediation: { readonly text: string; readonly commands: readonly string[] };
  /** sha256 of kms-audit/v1, rule, account, region, resource id/ARN, key. Never line numbers or message text. */
  readonly fingerprint: string;
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
