import type { LambdaFunction } from "../../snapshot/types.js";
import type { RuleSettings } from "../types.js";

export const USES_KMS_TAG = "kms-audit:uses-kms";

/**
 * Why we believe the function calls KMS from its own code (through the VPC), or undefined when nothing says so.
 * A KMSKeyArn alone is not evidence: Lambda decrypts at-rest variables itself, outside the VPC (aws-semantics.md §1.4, D8).
 */
export function kmsUseEvidence(fn: LambdaFunction, settings: RuleSettings): string | undefined {
  const classes = fn.Environment?.VariableClasses ?? {};
  const ciphertexts = Object.keys(classes).filter((name) => classes[name] === "kms-ciphertext").sort();
  if (ciphertexts.length > 0) return `environment variable ${ciphertexts.join(", ")} holds KMS ciphertext the code must decrypt`;
  const keyRefs = Object.keys(classes).filter((name) => classes[name] === "kms-key-reference").sort();
  if (keyRefs.length > 0) return `environment variable ${keyRefs.join(", ")} names a KMS key the code uses`;
  if (fn.Tags?.[USES_KMS_TAG]?.toLowerCase() === "true") return `tag ${USES_KMS_TAG}=true declares KMS calls`;
  if (settings.declaresKms(fn)) return "the configuration declares that it calls KMS";
  return undefined;
}

function hasKmsVariable(fn: LambdaFunction): boolean {
  const classes = Object.values(fn.Environment?.VariableClasses ?? {});
  return classes.includes("kms-ciphertext") || classes.includes("kms-key-reference");
}

/** kmsUseEvidence(fn, settings) !== undefined, without composing the sentence. */
export function hasKmsUseEvidence(fn: LambdaFunction, settings: RuleSettings): boolean {
  return hasKmsVariable(fn) || fn.Tags?.[USES_KMS_TAG]?.toLowerCase() === "true" || settings.declaresKms(fn);
}

export const NO_KMS_EVIDENCE_REASON =
  "no evidence that its code calls KMS (no environment variable holds KMS ciphertext or a key reference, no " +
  `${USES_KMS_TAG}=true tag, no config declaration); Lambda decrypts environment variables encrypted at rest ` +
  "(KMSKeyArn) itself, outside the VPC, so a customer managed key alone is not evidence";
