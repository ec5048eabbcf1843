import type { RegionPrices, Severity } from "../rules/types.js";

/** How a `functions` entry picks functions: exactly one of name, ARN or tag; `*` matches any run of characters. */
export type FunctionSelector =
  | { readonly kind: "name"; readonly pattern: string }
  | { readonly kind: "arn"; readonly pattern: string }
  | { readonly kind: "tag"; readonly key: string; readonly value: string };

/** Functions declared to call services at run time (KMS and others). */
export interface FunctionDeclaration {
  readonly selector: FunctionSelector;
  readonly uses: readonly string[];
}

export interface Suppression {
  /** A rule id, or "*" for every rule. */
  readonly rule: string;
  /** A resource id or ARN pattern; `*` matches any run of characters. */
  readonly resource: string;
  readonly reason: string;
  /** YYYY-MM-DD: the last day the suppression applies (inclusive, UTC). */
  readonly expires?: string;
  /** Where it is written, e.g. ".kms-audit.yml: suppressions[0]". */
  readonly source: string;
}

/** A validated .kms-audit.yml / .kms-audit.json. */
export interface Config {
  /** The file as reported (relative to the working directory), or undefined for the empty default. */
  readonly file?: string;
  readonly rules: Readonly<Record<string, Severity | "off">>;
  readonly functions: readonly FunctionDeclaration[];
  /** Regions for live collection when the command line names none. */
  readonly regions: readonly string[];
  readonly prices: Readonly<Record<string, Partial<RegionPrices>>>;
  /** Warning thresholds (absent: the rules' defaults). */
  readonly thresholds: Readonly<Thresholds>;
  readonly suppressions: readonly Suppression[];
}

export interface Thresholds {
  /** subnet-addresses-low warns below this many free IPv4 addresses in a function subnet. */
  readonly subnetFreeAddresses?: number;
}

export const EMPTY_CONFIG: Config = { rules: {}, functions: [], regions: [], prices: {}, thresholds: {}, suppressions: [] };
