import path from "node:path";
import { UsageError } from "../../errors.js";
import { loadSnapshotFile } from "../../snapshot/load.js";
import { mergeSnapshots } from "../../snapshot/merge.js";
import { snapshotText } from "../input.js";
import type { CliIo } from "../io.js";
import { writeFileAtomic } from "../write-output.js";

export interface MergeArgs {
  readonly snapshots: readonly string[];
  readonly output: string;
}

/** merge: snapshots collected separately → one snapshot file, each input validated as scan validates it. */
export async function runMerge(args: MergeArgs, io: CliIo): Promise<number> {
  if (args.output === "") throw new UsageError("--output: expected a file path");
  if (args.snapshots.length === 0) throw new UsageError("merge: expected snapshot files to merge");
  const target = path.resolve(io.cwd, args.output);
  const clash = args.snapshots.find((file) => path.resolve(io.cwd, file) === target);
  if (clash !== undefined) throw new UsageError(`--output: expected a file other than the inputs; ${clash} is one of them`);
  const inputs = [];
  for (const file of args.snapshots) {
    const loaded = await loadSnapshotFile(file);
    inputs.push({ snapshot: loaded.snapshot, path: file });
  }
  const merged = mergeSnapshots(inputs);
  await writeFileAtomic(target, snapshotText(merged));
  const regions = Object.values(merged.accounts).reduce((n, account) => n + Object.keys(account.regions).length, 0);
  io.stderr(`kms-audit: wrote ${args.output} (${Object.keys(merged.accounts).length} account(s), ${regions} region(s), from ${inputs.length} snapshot(s))\n`);
  return 0;
}
