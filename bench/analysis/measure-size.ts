/**
 * Child process of the analysis benchmark, one per size, so that sizes don't share a heap and maxRSS is this size's:
 *   measure-size.ts <snapshot.json> <parse runs> <max analysis runs> <analysis budget ms>
 * Prints one JSON line: the parse and analysis times of every run, peak RSS after the first full pass, path counts.
 */
import { readFileSync } from "node:fs";
import { scan } from "../../src/engine/index.js";
import { parseSnapshot } from "../../src/snapshot/load.js";
import { validateSnapshot } from "../../src/snapshot/validate.js";

export interface SizeMeasurement {
  readonly bytes: number;
  readonly parseMs: readonly number[];
  readonly validateMs: readonly number[];
  readonly scanMs: readonly number[];
  readonly maxRssBytes: number;
  readonly paths: number;
  readonly functions: number;
  readonly verdicts: Readonly<Record<string, number>>;
  readonly findings: number;
  readonly toolErrors: number;
}

const [file, parseRunsText, maxRunsText, budgetText] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: measure-size.ts <snapshot.json> <parse runs> <max analysis runs> <budget ms>");
const parseRuns = Number(parseRunsText ?? 5);
const maxAnalysisRuns = Number(maxRunsText ?? 3);
const budgetMs = Number(budgetText ?? 60000);

// One-time costs (schema compilation, JIT of the model) belong to start-up, measured separately.
scan(parseSnapshot(readFileSync("fixtures/nat-path-works.snapshot.json", "utf8"), "warm-up"));

const text = readFileSync(file, "utf8");
const parseMs: number[] = [];
const validateMs: number[] = [];
const scanMs: number[] = [];

function analyse(value: unknown) {
  const start = performance.now();
  const snapshot = validateSnapshot(value, file as string);
  const validated = performance.now();
  const result = scan(snapshot);
  validateMs.push(validated - start);
  scanMs.push(performance.now() - validated);
  return result;
}

// The first pass also yields the peak RSS and the counts; its snapshot and model are released before the timed passes,
// as in a scan, which holds one snapshot and one model at a time.
function firstPass() {
  const start = performance.now();
  const first = JSON.parse(text) as unknown;
  parseMs.push(performance.now() - start);
  const result = analyse(first);
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const verdicts: Record<string, number> = {};
  for (const path of result.paths) verdicts[path.verdict] = (verdicts[path.verdict] ?? 0) + 1;
  return { maxRssBytes, verdicts, paths: result.paths.length, functions: new Set(result.paths.map((p) => p.function.arn)).size, findings: result.findings.length, toolErrors: result.toolErrors.length };
}
const { maxRssBytes, verdicts, ...summary } = firstPass();

while (parseMs.length < parseRuns) {
  const start = performance.now();
  JSON.parse(text);
  parseMs.push(performance.now() - start);
}
const budgetStart = performance.now();
while (scanMs.length < maxAnalysisRuns && performance.now() - budgetStart < budgetMs) analyse(JSON.parse(text));

const measurement: SizeMeasurement = { bytes: Buffer.byteLength(text), parseMs, validateMs, scanMs, maxRssBytes, verdicts, ...summary };
process.stdout.write(`${JSON.stringify(measurement)}\n`);
