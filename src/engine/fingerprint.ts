import { hash } from "node:crypto";
import type { ResourceRef } from "../snapshot/types.js";

export const FINGERPRINT_RECIPE = "kms-audit/v1";

/** Identity of a finding: rule, place and the rule's own key. Never message text, severity or positions. */
export function fingerprint(ruleId: string, resource: ResourceRef, key?: string): string {
  return hash("sha256", `${FINGERPRINT_RECIPE}\n${ruleId}\n${resource.account}\n${resource.region}\n${resource.arn ?? resource.id}\n${key ?? ""}`, "hex");
}
