import { UsageError } from "../../errors.js";
import { loadConfig } from "../../config/load.js";
import { rules } from "../../rules/index.js";
import { withConfiguredRegions } from "../ci-options.js";
import { obtainSnapshot, snapshotText } from "../input.js";
import { stderrLine, type CliIo } from "../io.js";
import { sourceOf, type SourceArgs } from "../source.js";
import { clobberChecks } from "../output-files.js";
import { STDOUT, writeOutput } from "../write-output.js";

export interface CollectArgs extends SourceArgs {
  readonly output: string;
  /** Configuration file whose regions apply when --region(s) is absent. */
  readonly config?: string;
}

/** collect: AWS (or AWS CLI output) → a snapshot file, written whole or not at all. */
export async function runCollect(args: CollectArgs, io: CliIo): Promise<number> {
  if (args.output === "") throw new UsageError("--output: expected a file path");
  if (args.snapshot !== undefined) throw new UsageError("collect: --snapshot is an input of scan; collect writes one with --output");
  const given = sourceOf(args);
  await clobberChecks(args, given, io.cwd);
  const config = await loadConfig(args.config, io.cwd, rules.map((rule) => rule.meta.id));
  const source = withConfiguredRegions(given, config);
  if (source.kind === "file") throw new UsageError("collect: expected live collection or --aws-cli-dir");
  const snapshot = await obtainSnapshot(source, io);
  await writeOutput(args.output, snapshotText(snapshot), "--output", io);
  const regions = Object.values(snapshot.accounts).reduce((n, account) => n + Object.keys(account.regions).length, 0);
  for (const note of snapshot.notes ?? []) io.stderr(stderrLine(`note: ${note.account === undefined ? "" : `${note.account}: `}${note.region === undefined ? "" : `${note.region}: `}${note.message}`));
  io.stderr(stderrLine(`wrote ${args.output === STDOUT ? "stdout" : args.output} (${regions} region(s))`));
  return 0;
}
