import type { ComponentRef, HopStatus, PathResult } from "../model/types.js";
import { visible } from "../text/visible.js";

/*
 * Text for the terminal formatters (terminal, explain). Whatever came from the snapshot, the config or a baseline goes
 * through visible() here or where the formatter places it: only kms-audit's own colour codes and newlines reach the
 * terminal raw.
 */

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export const STATUS_MARK: Readonly<Record<HopStatus, string>> = { pass: "✓", fail: "✗", unknown: "?", info: "·" };

/** Said under fix commands that had to be escaped to be shown: pasted as shown, they would not be the same commands. */
export const ESCAPED_COMMANDS = "(control characters in these commands are shown escaped; --format json has them exactly)";

export function componentLabel(component: ComponentRef): string {
  const name = component.name && component.name !== component.id ? ` (${component.name})` : "";
  const account = component.account === undefined ? "" : ` [account ${component.account}]`;
  return visible(`${component.type} ${component.id}${name}${account}`);
}

export function verdictLabel(path: PathResult): string {
  switch (path.verdict) {
    case "reachable-via-endpoint":
    case "reachable-via-nat":
      return `${path.verdict}${path.via ? ` (${visible(path.via.id)})` : ""}`;
    default:
      return path.verdict;
  }
}

export function subnetLabel(path: PathResult): string {
  return visible(path.availabilityZone ? `${path.subnetId} (${path.availabilityZone})` : path.subnetId);
}
