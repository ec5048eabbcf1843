import { defaultSettings } from "../engine/settings.js";
import type { ScanOptions } from "../engine/types.js";
import type { LambdaFunction } from "../snapshot/types.js";
import { selectorMatcher } from "./selectors.js";
import type { Config } from "./types.js";

/**
 * The engine options a configuration asks for: severity overrides and disabled rules, KMS declarations (on top of
 * the kms-audit:uses-kms tag), the other services each function uses, and price overrides.
 */
export function scanOptionsFrom(config: Config): ScanOptions {
  const declarations = config.functions.map((d) => ({ matches: selectorMatcher(d.selector), uses: d.uses }));
  const usesOf = (fn: LambdaFunction): string[] => [...new Set(declarations.filter((d) => d.matches(fn)).flatMap((d) => d.uses))].sort();
  const byTag = defaultSettings();
  return {
    severity: config.rules,
    settings: {
      declaresKms: (fn) => byTag.declaresKms(fn) || usesOf(fn).includes("kms"),
      ...(Object.keys(config.prices).length > 0 ? { prices: config.prices } : {}),
      ...(config.thresholds.subnetFreeAddresses === undefined ? {} : { subnetFreeAddresses: config.thresholds.subnetFreeAddresses }),
    },
    services: (fn) => usesOf(fn).filter((service) => service !== "kms"),
  };
}
