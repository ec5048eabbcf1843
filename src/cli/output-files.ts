import path from "node:path";
import { CONFIG_FILE_NAMES } from "../config/load.js";
import type { SnapshotSource } from "./source.js";
import { filesOfDirectory, refuseClobbering, STDOUT, type NamedFile } from "./write-output.js";

export interface FileArgs {
  readonly output?: string;
  readonly saveSnapshot?: string;
  readonly config?: string;
  readonly baseline?: string;
}

/** Every file a command reads: the snapshot, the configuration (given or found), the baseline, the AWS CLI files. */
async function inputsOf(args: FileArgs, source: SnapshotSource, cwd: string): Promise<NamedFile[]> {
  const inputs: NamedFile[] = [];
  if (source.kind === "file") inputs.push({ flag: "--snapshot", path: source.path });
  if (source.kind === "aws-cli-dir") for (const file of await filesOfDirectory(source.dir)) inputs.push({ flag: "--aws-cli-dir", path: file });
  if (args.config !== undefined) inputs.push({ flag: "--config", path: args.config });
  else for (const name of CONFIG_FILE_NAMES) inputs.push({ flag: "configuration", path: path.join(cwd, name) });
  if (args.baseline !== undefined) inputs.push({ flag: "--baseline", path: args.baseline });
  return inputs.filter((input) => input.path !== "");
}

/**
 * Before anything is read or collected: no output may be an input or another output. With --save-snapshot and no
 * --output, the report itself goes to stdout.
 */
export async function clobberChecks(args: FileArgs, source: SnapshotSource, cwd: string): Promise<void> {
  const outputs: NamedFile[] = [];
  if (args.output !== undefined && args.output !== "") outputs.push({ flag: "--output", path: args.output });
  else if (args.saveSnapshot !== undefined) outputs.push({ flag: "the report on stdout", path: STDOUT });
  if (args.saveSnapshot !== undefined && args.saveSnapshot !== "") outputs.push({ flag: "--save-snapshot", path: args.saveSnapshot });
  if (outputs.length === 0) return;
  await refuseClobbering(outputs, await inputsOf(args, source, cwd));
}
