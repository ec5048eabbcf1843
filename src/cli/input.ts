import { UsageError } from "../errors.js";
import { loadSnapshotFile, parseSnapshot } from "../snapshot/load.js";
import type { Snapshot } from "../snapshot/types.js";
import type { CliIo } from "./io.js";
import { collectLive } from "./live.js";
import type { SnapshotSource } from "./source.js";
import { STDOUT, writeOutput } from "./write-output.js";

export interface ScanInput {
  readonly snapshot: Snapshot;
  /** The snapshot file as the user gave it: where SARIF results point. */
  readonly path: string;
  readonly text: string;
}

/** A collected snapshot as written to disk: pretty JSON, so that SARIF lines point at one resource each. */
export function snapshotText(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Collects (AWS CLI output or AWS itself); the snapshot exists only in memory until someone writes it. */
export async function obtainSnapshot(source: Exclude<SnapshotSource, { kind: "file" }>, io: CliIo): Promise<Snapshot> {
  if (source.kind === "aws-cli-dir") {
    const { readAwsCliDir } = await import("../collectors/aws-cli-dir.js");
    return readAwsCliDir(source.dir);
  }
  return collectLive(source.live, io);
}

/**
 * The one place a command obtains its snapshot. A collected snapshot is saved to `saveTo` (atomically) when given,
 * and then SARIF results point at it; without a file, formats that must point at one are refused.
 */
export async function obtainScanInput(source: SnapshotSource, io: CliIo, saveTo?: string): Promise<ScanInput & { readonly saved: boolean }> {
  if (source.kind === "file") {
    const loaded = await loadSnapshotFile(source.path);
    return { snapshot: loaded.snapshot, path: source.path, text: loaded.text, saved: true };
  }
  const label = source.kind === "aws-cli-dir" ? source.dir : "live collection";
  const text = snapshotText(await obtainSnapshot(source, io));
  const snapshot = parseSnapshot(text, label);
  if (saveTo === undefined) return { snapshot, path: "", text, saved: false };
  await writeOutput(saveTo, text, "--save-snapshot", io);
  if (saveTo === STDOUT) return { snapshot, path: "", text, saved: false };
  return { snapshot, path: saveTo, text, saved: true };
}

/** SARIF results must point at a real file: checked before anything is collected. */
export function requireSnapshotFile(format: string, source: SnapshotSource, saveTo: string | undefined): void {
  if (source.kind !== "file" && (saveTo === undefined || saveTo === STDOUT) && format === "sarif") {
    throw new UsageError("--format sarif: results must point at a snapshot file: add --save-snapshot FILE, or run `kms-audit collect --output FILE` and scan --snapshot FILE");
  }
}
