/**
 * Child process of the organization benchmark: analyses each per-account snapshot on its own, as one scan per account
 * would, so that the merged snapshot's analysis can be compared per account.
 *   measure-accounts.ts <passes> <snapshot.json>...
 * Prints one JSON line: per pass, the sums over all files of JSON.parse and of validate + model + rules.
 */
import { readFileSync } from "node:fs";
import { scan } from "../../src/engine/index.js";
import { parseSnapshot } from "../../src/snapshot/load.js";
import { validateSnapshot } from "../../src/snapshot/validate.js";

export interface AccountsMeasurement {
  readonly files: number;
  readonly parseMs: readonly number[];
  readonly analysisMs: readonly number[];
  readonly toolErrors: number;
}

const [passesText, ...files] = process.argv.slice(2);
if (files.length === 0) throw new Error("usage: measure-accounts.ts <passes> <snapshot.json>...");

// One-time costs (schema compilation, JIT of the model) belong to start-up, as in measure-size.ts.
scan(parseSnapshot(readFileSync("fixtures/nat-path-works.snapshot.json", "utf8"), "warm-up"));

const texts = files.map((file) => readFileSync(file, "utf8"));
const parseMs: number[] = [];
const analysisMs: number[] = [];
let toolErrors = 0;
for (let pass = 0; pass < Number(passesText ?? 3); pass += 1) {
  let parse = 0;
  let analysis = 0;
  texts.forEach((text, i) => {
    const start = performance.now();
    const value = JSON.parse(text) as unknown;
    const parsed = performance.now();
    const result = scan(validateSnapshot(value, files[i] as string));
    parse += parsed - start;
    analysis += performance.now() - parsed;
    if (pass === 0) toolErrors += result.toolErrors.length;
  });
  parseMs.push(parse);
  analysisMs.push(analysis);
}

const measurement: AccountsMeasurement = { files: files.length, parseMs, analysisMs, toolErrors };
process.stdout.write(`${JSON.stringify(measurement)}\n`);
