import { UsageError } from "../../errors.js";
import { loadSnapshotFile } from "../../snapshot/load.js";
import { mergeSnapshots } from "../../snapshot/merge.js";
import { snapshotText } from "../input.js";
import { stderrLine, type CliIo } from "../io.js";
import { refuseClobbering, STDOUT, writeOutput } from "../write-output.js";

export interface MergeArgs {
  readonly snapshots: readonly string[];
  readonly output: string;
}

/** merge: snapshots collected separately → one snapshot file, each input validated as scan validates it. */
export async function runMerge(args: MergeArgs, io: CliIo): Promise<number> {
  if (args.output === "") throw new UsageError("--output: expected a file path");
  if (args.snapshots.length === 0) throw new UsageError("merge: expected snapshot files to merge");
  await refuseClobbering([{ flag: "--output", path: args.output }], args.snapshots.map((file) => ({ flag: "merge", path: file })));
  const inputs = [];
  for (const file of args.snapshots) {
    const loaded = await loadSnapshotFile(file);
    inputs.push({ snapshot: loaded.snapshot, path: file });
  }
  const merged = mergeSnapshots(inputs);
  await writeOutput(args.output, snapshotText(merged), "--output", io);
  const regions = Object.values(merged.accounts).reduce((n, account) => n + Object.keys(account.regions).length, 0);
  io.stderr(stderrLine(`wrote ${args.output === STDOUT ? "stdout" : args.output} (${Object.keys(merged.accounts).length} account(s), ${regions} region(s), from ${inputs.length} snapshot(s))`));
  return 0;
}
