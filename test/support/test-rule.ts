import type { RuleMeta } from "../../src/rules/types.js";

/** Metadata for a throwaway rule in engine and tester tests: only the id and the message templates matter there. */
export function testRuleMeta(id: string, messages: Readonly<Record<string, string>>): RuleMeta {
  return {
    id,
    title: `test rule ${id}`,
    severity: "warning",
    category: "quota",
    securitySeverity: 1,
    rationale: "test",
    remediation: { text: "test", cli: ["aws ec2 describe-vpcs --region <region>"] },
    references: [],
    requires: [],
    messages,
  };
}
