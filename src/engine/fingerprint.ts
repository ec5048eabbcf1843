import { createHash } from "node:crypto";
import type { ResourceRef } from "../snapshot/types.js";

export const FINGERPRINT_RECIPE = "kms-audit/v1";

/** Identity of a finding: rule, place and the rule's own key. Never message text, severity or positions. */
export function fingerprint(ruleId: string, resource: ResourceRef, key?: string): string {
  const parts = [FINGERPRINT_RECIPE, ruleId, resource.account, resource.region, resource.arn ?? resource.id, key ?? ""];
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}
