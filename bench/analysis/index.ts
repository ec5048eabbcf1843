import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { syntheticSnapshot } from "../synthetic.js";
import { bundleForNode } from "../support/bundle.js";
import { lastJsonLine, runNodeChild } from "../support/child.js";
import { atMost, below, info, median, round, type Figure } from "../support/figures.js";
import type { SizeMeasurement } from "./measure-size.js";

export interface AnalysisOptions {
  readonly sizes: readonly number[];
  readonly workDir: string;
  readonly seed: number;
  readonly log: (figure: Figure) => void;
}

export interface SizeResult extends SizeMeasurement {
  readonly size: number;
  readonly parseMedianMs: number;
  readonly analysisMedianMs: number;
  readonly ratio: number;
}

const RUNS: Readonly<Record<string, { parse: number; analysis: number }>> = { small: { parse: 9, analysis: 5 }, large: { parse: 5, analysis: 3 } };

/** Analysis at each size: JSON.parse vs validate + model + rules, growth between sizes, peak RSS. */
export async function runAnalysis(options: AnalysisOptions): Promise<{ figures: Figure[]; sizes: SizeResult[] }> {
  mkdirSync(options.workDir, { recursive: true });
  const sizes: SizeResult[] = [];
  const figures: Figure[] = [];
  const measureSize = await bundleForNode("bench/analysis/measure-size.ts", join(options.workDir, "measure-size.mjs"));
  for (const size of options.sizes) {
    const file = join(options.workDir, `synthetic-${size}.snapshot.json`);
    writeFileSync(file, JSON.stringify(syntheticSnapshot({ functions: size, seed: options.seed })));
    const runs = size <= 10000 ? RUNS.small! : RUNS.large!;
    const measured = lastJsonLine<SizeMeasurement>(await runNodeChild(measureSize, [file, String(runs.parse), String(runs.analysis), "30000"]));
    const analysisRuns = measured.validateMs.map((v, i) => v + (measured.scanMs[i] ?? 0));
    const result: SizeResult = { ...measured, size, parseMedianMs: median(measured.parseMs), analysisMedianMs: median(analysisRuns), ratio: median(analysisRuns) / median(measured.parseMs) };
    sizes.push(result);
    const label = `${size / 1000}k`;
    const lines = [
      info(`analysis ${label} snapshot size`, round(result.bytes / 1e6, 1), "MB"),
      info(`analysis ${label} paths (function, subnet, service)`, result.paths),
      info(`analysis ${label} verdicts`, Object.entries(result.verdicts).sort().map(([k, v]) => `${k} ${v}`).join(", ")),
      info(`analysis ${label} JSON.parse median of ${measured.parseMs.length}`, round(result.parseMedianMs, 1), "ms"),
      info(`analysis ${label} validate median`, round(median(measured.validateMs), 1), "ms"),
      info(`analysis ${label} model + rules median`, round(median(measured.scanMs), 1), "ms"),
      info(`analysis ${label} validate + model + rules median of ${analysisRuns.length}`, round(result.analysisMedianMs, 1), "ms"),
      info(`analysis ${label} first pass (cold, what a single scan pays)`, round(analysisRuns[0] ?? Number.NaN, 1), "ms"),
      size === 10000 ? atMost(`analysis ${label} analysis/parse`, round(result.ratio, 2), 1.0) : info(`analysis ${label} analysis/parse`, round(result.ratio, 2)),
      size === 50000 ? below(`analysis ${label} peak RSS`, Math.round(result.maxRssBytes / 2 ** 20), 1536, "MiB") : info(`analysis ${label} peak RSS`, Math.round(result.maxRssBytes / 2 ** 20), "MiB"),
    ];
    for (const figure of lines) options.log(figure);
    figures.push(...lines);
  }
  const ten = sizes.find((s) => s.size === 10000);
  const fifty = sizes.find((s) => s.size === 50000);
  if (ten && fifty) {
    const growth = atMost("analysis growth 50k/10k", round(fifty.analysisMedianMs / ten.analysisMedianMs, 2), 5.5);
    const parseGrowth = info("analysis JSON.parse growth 50k/10k", round(fifty.parseMedianMs / ten.parseMedianMs, 2));
    options.log(growth);
    options.log(parseGrowth);
    figures.push(growth, parseGrowth);
  }
  return { figures, sizes };
}
