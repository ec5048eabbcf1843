import type { Snapshot } from "../snapshot/types.js";

/** A scan with nothing to check passes silently otherwise: one warning line when there is no account or no function. */
export function emptySnapshotWarning(snapshot: Snapshot): string | undefined {
  const regions = Object.values(snapshot.accounts).flatMap((account) => Object.values(account.regions));
  if (Object.keys(snapshot.accounts).length === 0) return "the snapshot holds no account: nothing was scanned";
  if (regions.length === 0) return "the snapshot holds no region: nothing was scanned";
  const listed = regions.map((region) => region.calls.ListFunctions).filter((call) => call?.status === "ok");
  if (listed.length === 0) return `ListFunctions is a gap in all ${regions.length} region(s): no Lambda function is known, so no path was checked`;
  const functions = listed.reduce((n, call) => n + (call?.status === "ok" ? call.data.Functions.length : 0), 0);
  if (functions === 0) return `no Lambda function in ${regions.length} region(s): no path to check`;
  return undefined;
}
