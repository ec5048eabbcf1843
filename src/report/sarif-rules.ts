import type { RuleMeta } from "../rules/types.js";
import { ruleHelpUri } from "./tool.js";

/** "lambda-no-kms-path" → "LambdaNoKmsPath": SARIF's friendly rule name. */
export function pascalCase(id: string): string {
  return id
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

function helpMarkdown(meta: RuleMeta): string {
  const commands = meta.remediation.cli.length > 0 ? `\n\n\`\`\`sh\n${meta.remediation.cli.join("\n")}\n\`\`\`` : "";
  const references = meta.references.length > 0 ? `\n\nReferences:\n${meta.references.map((r) => `- ${r}`).join("\n")}` : "";
  return `${meta.remediation.text}${commands}${references}\n\nDetails: [${meta.id}](${ruleHelpUri(meta.id)})`;
}

function helpText(meta: RuleMeta): string {
  const commands = meta.remediation.cli.length > 0 ? `\n\nAWS CLI:\n${meta.remediation.cli.map((c) => `  ${c}`).join("\n")}` : "";
  return `${meta.remediation.text}${commands}`;
}

/** GitHub's security-severity is a string score; one decimal keeps 9.1 (critical) and 9.0 (high) apart. */
export function securitySeverityText(score: number): string {
  return score.toFixed(1);
}

export function sarifRule(meta: RuleMeta) {
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    help: { text: helpText(meta), markdown: helpMarkdown(meta) },
    helpUri: ruleHelpUri(meta.id),
    defaultConfiguration: { level: meta.severity },
    properties: {
      tags: ["security", meta.category],
      precision: "high",
      "security-severity": securitySeverityText(meta.securitySeverity),
    },
  };
}

export function sortedRules(rules: readonly RuleMeta[]): RuleMeta[] {
  return [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
