import { loadSnapshotFile } from "../snapshot/load.js";
import type { Snapshot } from "../snapshot/types.js";

export interface ScanInput {
  readonly snapshot: Snapshot;
  /** The file as the user gave it. */
  readonly path: string;
  readonly text: string;
}

export interface InputOptions {
  readonly snapshot: string;
}

/**
 * The one place a command obtains its snapshot. Only the offline file path exists here; a live source must be added
 * behind a dynamic import so that the AWS SDK is never loaded for --snapshot.
 */
export async function obtainScanInput(options: InputOptions): Promise<ScanInput> {
  const loaded = await loadSnapshotFile(options.snapshot);
  return { snapshot: loaded.snapshot, path: options.snapshot, text: loaded.text };
}
