import { applyBaseline, findingsThatCount } from "../baseline/apply.js";
import { evaluatedScope } from "../baseline/scope.js";
import { loadConfig } from "../config/load.js";
import { scanOptionsFrom } from "../config/scan-options.js";
import { applySuppressions, utcDate } from "../config/suppress.js";
import type { Config } from "../config/types.js";
import type { ScanOptions, ScanResult } from "../engine/types.js";
import { UsageError } from "../errors.js";
import type { Rule } from "../rules/types.js";
import type { Snapshot } from "../snapshot/types.js";
import type { CliIo } from "./io.js";
import type { SnapshotSource } from "./source.js";

export interface CiArgs {
  readonly config?: string;
  readonly baseline?: string;
}

export interface CiSetup {
  readonly config: Config;
  readonly scanOptions: ScanOptions;
  readonly withBaseline: boolean;
  readonly disabledRules: readonly string[];
  /** Applies the suppressions (as of today) and the baseline to a scan result. */
  readonly finish: (snapshot: Snapshot, result: ScanResult) => ScanResult;
}

/**
 * Reads the configuration (--config, else the one found in the working directory) and the baseline before anything
 * is collected or scanned, so a bad file fails fast with exit 2.
 */
export async function prepareCi(args: CiArgs, io: CliIo, rules: readonly Rule[]): Promise<CiSetup> {
  if (args.config === "") throw new UsageError("--config: expected a configuration file path");
  if (args.baseline === "") throw new UsageError("--baseline: expected the path of an earlier JSON report");
  const config = await loadConfig(args.config, io.cwd, rules.map((r) => r.meta.id));
  // The baseline's validator loads only with --baseline.
  const baseline = args.baseline === undefined ? undefined : await (await import("../baseline/load.js")).loadBaseline(args.baseline);
  const today = utcDate((io.now ?? (() => new Date()))());
  return {
    config,
    scanOptions: scanOptionsFrom(config),
    withBaseline: baseline !== undefined,
    disabledRules: Object.keys(config.rules).filter((id) => config.rules[id] === "off").sort(),
    finish: (snapshot, result) => {
      const suppressed: ScanResult = { ...result, findings: applySuppressions(result.findings, config.suppressions, today) };
      return baseline === undefined ? suppressed : applyBaseline(suppressed, baseline, evaluatedScope(snapshot, suppressed, config.rules));
    },
  };
}

/** Live collection without --region(s) uses the configuration's regions, when it names any. */
export function withConfiguredRegions(source: SnapshotSource, config: Config): SnapshotSource {
  if (source.kind !== "live" || source.live.regions !== undefined || config.regions.length === 0) return source;
  return { kind: "live", live: { ...source.live, regions: config.regions } };
}

export { findingsThatCount };
