import type { ComponentRef, HopStatus, PathResult } from "../model/types.js";
import type { ResourceRef } from "../snapshot/types.js";

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export const STATUS_MARK: Readonly<Record<HopStatus, string>> = { pass: "✓", fail: "✗", unknown: "?", info: "·" };

export function componentLabel(component: ComponentRef): string {
  const name = component.name && component.name !== component.id ? ` (${component.name})` : "";
  return `${component.type} ${component.id}${name}`;
}

export function resourceLabel(resource: ResourceRef): string {
  return `${resource.type} ${resource.id}`;
}

export function verdictLabel(path: PathResult): string {
  switch (path.verdict) {
    case "reachable-via-endpoint":
    case "reachable-via-nat":
      return `${path.verdict}${path.via ? ` (${path.via.id})` : ""}`;
    default:
      return path.verdict;
  }
}

export function subnetLabel(path: PathResult): string {
  return path.availabilityZone ? `${path.subnetId} (${path.availabilityZone})` : path.subnetId;
}
