import type { LambdaFunction } from "../snapshot/types.js";
import type { RuleSettings } from "../rules/types.js";
import { USES_KMS_TAG } from "../rules/support/kms-evidence.js";

/** A pattern over function names or ARNs; `*` matches any run of characters. */
export function functionMatcher(pattern: string): (fn: LambdaFunction) => boolean {
  const source = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  const regex = new RegExp(`^${source}$`);
  return (fn) => regex.test(fn.FunctionName) || regex.test(fn.FunctionArn);
}

/**
 * Default settings: a function declares KMS use with the tag kms-audit:uses-kms=true, or by matching one of the
 * configured name/ARN patterns.
 */
export function defaultSettings(kmsDeclarations: readonly string[] = []): RuleSettings {
  const matchers = kmsDeclarations.map(functionMatcher);
  return {
    declaresKms: (fn) => fn.Tags?.[USES_KMS_TAG]?.toLowerCase() === "true" || matchers.some((matches) => matches(fn)),
  };
}

export function resolveSettings(overrides: Partial<RuleSettings> = {}, kmsDeclarations: readonly string[] = []): RuleSettings {
  return { ...defaultSettings(kmsDeclarations), ...overrides };
}
