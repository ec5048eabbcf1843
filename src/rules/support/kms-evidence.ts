import { configEvidence, functionUses, USES_KMS_TAG, type UseEvidence } from "../../model/index.js";
import type { PathResult } from "../../model/types.js";
import type { LambdaFunction } from "../../snapshot/types.js";
import type { RuleSettings } from "../types.js";

export { USES_KMS_TAG };

/** The region field of a function ARN. */
function regionOf(fn: LambdaFunction): string {
  return fn.FunctionArn.split(":")[3] ?? "";
}

/**
 * Why we believe the function calls the service from its own code (through the VPC): the path's evidence (environment
 * values, layers, tags, configured services), and for KMS a configured declaration (RuleSettings.declaresKms).
 * A KMSKeyArn alone is not evidence: Lambda decrypts at-rest variables itself, outside the VPC (aws-semantics.md §1.4, D8).
 */
export function useEvidence(result: PathResult, fn: LambdaFunction | undefined, settings: RuleSettings): readonly UseEvidence[] {
  if (result.service !== "kms" || fn === undefined) return result.evidence ?? [];
  return withKmsDeclaration(result.evidence ?? [], fn, settings);
}

function withKmsDeclaration(evidence: readonly UseEvidence[], fn: LambdaFunction, settings: RuleSettings): readonly UseEvidence[] {
  if (!settings.declaresKms(fn) || evidence.some((e) => e.kind === "config")) return evidence;
  // RuleSettings.declaresKms also answers for the kms-audit:uses-kms tag, which the evidence already names.
  if (fn.Tags?.[USES_KMS_TAG]?.toLowerCase() === "true") return evidence;
  return [...evidence, configEvidence("kms")];
}

/** The evidence as one clause list: "environment variable QUEUE_URL names an SQS queue; tag kms-audit:uses lists sqs". */
export function evidenceText(evidence: readonly UseEvidence[]): string {
  return evidence.map((e) => e.text).join("; ");
}

/** The KMS evidence of a function on its own (without a model), as one clause list, or undefined when nothing says so. */
export function kmsUseEvidence(fn: LambdaFunction, settings: RuleSettings): string | undefined {
  const own = regionOf(fn);
  const evidence = functionUses(fn, own).find((u) => u.service === "kms" && u.region === own)?.evidence ?? [];
  const all = withKmsDeclaration(evidence, fn, settings);
  return all.length === 0 ? undefined : evidenceText(all);
}

/** kmsUseEvidence(fn, settings) !== undefined. */
export function hasKmsUseEvidence(fn: LambdaFunction, settings: RuleSettings): boolean {
  return kmsUseEvidence(fn, settings) !== undefined;
}

export const NO_KMS_EVIDENCE_REASON =
  "no evidence that its code calls KMS (no environment variable holds KMS ciphertext or a key reference of this region, no " +
  `${USES_KMS_TAG}=true tag or kms-audit:uses=kms, no config declaration); Lambda decrypts environment variables encrypted at rest ` +
  "(KMSKeyArn) itself, outside the VPC, so a customer managed key alone is not evidence";
