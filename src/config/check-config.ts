import { SERVICES } from "../model/services.js";
import type { RegionPrices, Severity } from "../rules/types.js";
import { formatPlace } from "./place.js";
import { unknownName, type Problem } from "./schema-problem.js";
import type { Config, FunctionDeclaration, FunctionSelector, Suppression } from "./types.js";

/** The file's data once the schema has passed. */
export interface RawConfig {
  readonly version?: 1;
  readonly regions?: readonly string[];
  readonly rules?: Readonly<Record<string, Severity | "off">>;
  readonly functions?: readonly {
    readonly name?: string;
    readonly arn?: string;
    readonly tag?: { readonly key: string; readonly value: string };
    readonly uses: readonly string[];
  }[];
  readonly prices?: Readonly<Record<string, Partial<RegionPrices>>>;
  readonly thresholds?: { readonly subnetFreeAddresses?: number };
  readonly suppressions?: readonly { readonly rule: string; readonly resource: string; readonly reason: string; readonly expires?: string }[];
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function selectorOf(entry: NonNullable<RawConfig["functions"]>[number]): FunctionSelector | string {
  const given = (["name", "arn", "tag"] as const).filter((key) => entry[key] !== undefined);
  if (given.length !== 1) return `expected exactly one of name, arn or tag, found ${given.length === 0 ? "none" : given.join(" and ")}`;
  if (entry.name !== undefined) return { kind: "name", pattern: entry.name };
  if (entry.arn !== undefined) return { kind: "arn", pattern: entry.arn };
  const tag = entry.tag ?? { key: "", value: "" };
  return { kind: "tag", key: tag.key, value: tag.value };
}

/**
 * Checks what the schema can't (known rule ids and services, one selector per entry, real dates) and builds the
 * Config. The first problem found is returned instead.
 */
export function checkConfig(raw: RawConfig, file: string, ruleIds: readonly string[]): Config | Problem {
  for (const id of Object.keys(raw.rules ?? {})) {
    if (!ruleIds.includes(id)) return { place: ["rules", id], expected: unknownName("rule id", id, ruleIds) };
  }
  const serviceIds = SERVICES.map((s) => s.id);
  const functions: FunctionDeclaration[] = [];
  for (const [index, entry] of (raw.functions ?? []).entries()) {
    const selector = selectorOf(entry);
    if (typeof selector === "string") return { place: ["functions", index], expected: selector };
    for (const [at, service] of entry.uses.entries()) {
      if (!serviceIds.includes(service)) return { place: ["functions", index, "uses", at], expected: unknownName("service", service, serviceIds) };
    }
    functions.push({ selector, uses: [...entry.uses] });
  }
  const suppressions: Suppression[] = [];
  for (const [index, entry] of (raw.suppressions ?? []).entries()) {
    if (entry.rule !== "*" && !ruleIds.includes(entry.rule)) {
      return { place: ["suppressions", index, "rule"], expected: unknownName("rule id", entry.rule, ruleIds) };
    }
    if (entry.expires !== undefined && !isCalendarDate(entry.expires)) {
      return { place: ["suppressions", index, "expires"], expected: `expected a real calendar date YYYY-MM-DD, found "${entry.expires}"` };
    }
    suppressions.push({
      rule: entry.rule,
      resource: entry.resource,
      reason: entry.reason.trim(),
      ...(entry.expires === undefined ? {} : { expires: entry.expires }),
      source: `${file}: ${formatPlace(["suppressions", index])}`,
    });
  }
  return {
    file,
    rules: { ...raw.rules },
    functions,
    regions: [...(raw.regions ?? [])],
    prices: { ...raw.prices },
    thresholds: { ...raw.thresholds },
    suppressions,
  };
}
