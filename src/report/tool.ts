export const TOOL_NAME = "kms-audit";
export const REPOSITORY_URL = "https://github.com/kms-audit/kms-audit";

/** The rule's generated doc page in the repository, derived from its id. */
export function ruleHelpUri(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
