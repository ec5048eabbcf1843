import type { Finding } from "../engine/types.js";
import type { ResourceRef } from "../snapshot/types.js";
import type { SourceLocation } from "./planned.js";

/** A synthetic id (src/iac/ids.ts) inside a rendered command: after a space, quote or "=". */
const PLACEHOLDER = /(?:^|[\s'"=])([a-z]+(?:-[a-z]+)?-\[[^\]\s'"]*(?:\][^\s'"]*)?\])/;

/**
 * A fix command naming a resource the change creates can't run before the deploy that creates it: the commands are
 * kept as comments under a line saying where to make the fix instead (the definition of that resource).
 */
export function withTemplateFixes(findings: readonly Finding[], locate: (ref: ResourceRef) => SourceLocation | undefined): Finding[] {
  return findings.map((finding) => {
    const commands = finding.remediation.commands;
    // Comments run nothing: only a command naming a resource the change creates needs the deploy first.
    const placeholder = commands.filter((c) => !c.startsWith("#")).map((c) => PLACEHOLDER.exec(c)?.[1]).find((id) => id !== undefined);
    if (placeholder === undefined) return finding;
    const { arn: _arn, ...withoutArn } = finding.resource;
    const at = locate({ ...withoutArn, id: placeholder }) ?? locate(finding.resource);
    const where = at === undefined ? "the template or plan" : `${at.file}:${at.line}`;
    const header = `# ${placeholder} does not exist before this change deploys: make this fix in ${where} (once deployed, with the AWS CLI and the real id:)`;
    return { ...finding, remediation: { ...finding.remediation, commands: [header, ...commands.map((c) => (c.startsWith("#") ? c : `#   ${c}`))] } };
  });
}
