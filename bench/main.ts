/**
 * `npm run bench`: analysis at 1k/10k/50k functions, start-up, collection against the loopback test server, and an
 * organization (100 accounts: collection through roles, merge, analysis of the merged snapshot).
 * One line per figure, then a JSON summary. Options: --only analysis,startup,collection,organization  --sizes 1000,10000
 * --accounts 100 --org-regions eu-west-1,eu-central-1 (the organization's: at most 255 accounts, one VPC per account and
 * region; 250 accounts x 4 regions has the VPCs, functions and paths of 500 accounts x 2 regions)
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpus, totalmem } from "node:os";
import { runAnalysis } from "./analysis/index.js";
import { runCollection } from "./collection/index.js";
import { runOrganization } from "./organization/index.js";
import { runStartup } from "./startup/index.js";
import { figureLine, type Figure } from "./support/figures.js";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const only = new Set((option("only") ?? "analysis,startup,collection,organization").split(","));
const sizes = (option("sizes") ?? "1000,10000,50000").split(",").map(Number);
const accounts = Number(option("accounts") ?? 100);
const orgRegions = option("org-regions")?.split(",");
const workDir = join(tmpdir(), "kms-audit-bench");
const log = (figure: Figure): void => {
  process.stdout.write(`${figureLine(figure)}\n`);
};

const started = performance.now();
const machine = { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(totalmem() / 2 ** 30) };
process.stdout.write(`kms-audit bench on ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}\n`);
const figures: Figure[] = [];
const sections: Record<string, unknown> = {};
if (only.has("analysis")) {
  const analysis = await runAnalysis({ sizes, workDir, seed: 1, log });
  figures.push(...analysis.figures);
  sections.analysis = analysis.sizes.map(({ size, bytes, parseMedianMs, analysisMedianMs, ratio, maxRssBytes, paths, verdicts, findings, parseMs, validateMs, scanMs }) => ({ size, bytes, parseMedianMs, analysisMedianMs, ratio, maxRssBytes, paths, verdicts, findings, parseMs, validateMs, scanMs }));
}
if (only.has("startup")) figures.push(...runStartup({ runs: 11, workDir, log }));
if (only.has("collection")) figures.push(...(await runCollection({ functions: 1200, functionsPerVpc: 8, seed: 1, latencyMs: 50, throttleRate: 0.2, log })));
if (only.has("organization")) figures.push(...(await runOrganization({ accounts, ...(orgRegions === undefined ? {} : { regions: orgRegions }), functionsPerVpc: 8, seed: 1, latencyMs: 50, workDir, log })));

const missed = figures.filter((f) => f.pass === false).map((f) => f.name);
const summary = { machine, seconds: Math.round((performance.now() - started) / 1000), figures, sections, missed };
process.stdout.write(`${JSON.stringify(summary)}\n`);
