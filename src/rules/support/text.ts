import type { Hop } from "../../model/types.js";

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

export function sortedUnique(items: Iterable<string>): string[] {
  return unique(items).sort();
}

/** One hop as a clause: "security-group sg-0abc: no outbound rule admits TCP 443 (change: …)". */
export function describeHop(hop: Hop): string {
  const name = hop.component.name ? ` (${hop.component.name})` : "";
  const setting = hop.setting ? ` [fix: ${hop.setting}]` : "";
  return `${hop.component.type} ${hop.component.id}${name}: ${hop.detail}${setting}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
