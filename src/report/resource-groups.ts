import type { Finding } from "../engine/types.js";
import type { PathResult } from "../model/types.js";
import type { ResourceRef } from "../snapshot/types.js";
import { sortFindings, sortPaths } from "./order.js";

export interface ResourceGroup {
  readonly resource: ResourceRef;
  readonly displayName: string;
  readonly paths: readonly PathResult[];
  readonly findings: readonly Finding[];
}

function identity(resource: ResourceRef): string {
  return [resource.account, resource.region, resource.type, resource.arn ?? resource.id].join("\u0000");
}

function groupOrder(group: ResourceGroup): string {
  const functionFirst = group.resource.type === "lambda-function" ? "0" : "1";
  return [functionFirst, group.resource.account, group.resource.region, group.resource.type, group.displayName, group.resource.id].join("\u0000");
}

/** Findings and paths gathered per resource: functions first (with their paths), then every other resource. */
export function groupByResource(findings: readonly Finding[], paths: readonly PathResult[]): ResourceGroup[] {
  const groups = new Map<string, { resource: ResourceRef; displayName: string; paths: PathResult[]; findings: Finding[] }>();
  const groupOf = (resource: ResourceRef, displayName: string) => {
    const id = identity(resource);
    const existing = groups.get(id);
    if (existing) return existing;
    const created = { resource, displayName, paths: [] as PathResult[], findings: [] as Finding[] };
    groups.set(id, created);
    return created;
  };
  for (const path of sortPaths(paths)) groupOf(path.function, path.functionName).paths.push(path);
  for (const finding of sortFindings(findings)) groupOf(finding.resource, finding.resource.id).findings.push(finding);
  return [...groups.values()].sort((a, b) => {
    const x = groupOrder(a);
    const y = groupOrder(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
