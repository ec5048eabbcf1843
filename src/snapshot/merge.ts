/**
 * Several snapshots collected separately (per account, per region, per shard of an organization) into one. The same
 * account and region in two inputs must hold the same data; different data is an input error naming both files.
 */
import { isDeepStrictEqual } from "node:util";
import { InputError } from "../errors.js";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "./types.js";
import type { AccountSnapshot, CallError, RegionSnapshot, Snapshot, SnapshotNote } from "./types.js";

export interface MergeInput {
  readonly snapshot: Snapshot;
  /** The file it came from, named in errors. */
  readonly path: string;
}

interface MergedAccount {
  readonly regions: Map<string, { readonly region: RegionSnapshot; readonly path: string }>;
  error?: CallError;
}

/**
 * Accounts and regions sorted by id, so the order of the inputs does not change the output. `collectedAt` is the
 * earliest of the inputs' (the data is at least that old); notes are kept once each; an account's `error` (its role
 * could not be assumed) only while no input collected it.
 */
export function mergeSnapshots(inputs: readonly MergeInput[]): Snapshot {
  const accounts = new Map<string, MergedAccount>();
  const notes: SnapshotNote[] = [];
  for (const { snapshot, path } of inputs) {
    for (const [id, account] of Object.entries(snapshot.accounts)) {
      const merged: MergedAccount = accounts.get(id) ?? { regions: new Map() };
      accounts.set(id, merged);
      if (account.error !== undefined) merged.error ??= account.error;
      for (const [name, region] of Object.entries(account.regions)) {
        const earlier = merged.regions.get(name);
        if (earlier === undefined) merged.regions.set(name, { region, path });
        else if (!isDeepStrictEqual(earlier.region, region)) throw conflict(id, name, earlier.region, region, earlier.path, path);
      }
    }
    for (const note of snapshot.notes ?? []) {
      if (!notes.some((n) => isDeepStrictEqual(n, note))) notes.push(note);
    }
  }
  const times = inputs.map((i) => i.snapshot.collectedAt).filter((t): t is string => t !== undefined && !Number.isNaN(Date.parse(t)));
  const collectedAt = times.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    ...(collectedAt === undefined ? {} : { collectedAt }),
    source: { kind: "merged", description: `kms-audit merge of ${inputs.length} snapshot(s): ${sourcesOf(inputs)}` },
    accounts: Object.fromEntries([...accounts].sort(([a], [b]) => compare(a, b)).map(([id, account]) => [id, accountOf(account)])),
    ...(notes.length === 0 ? {} : { notes }),
  };
}

function accountOf(account: MergedAccount): AccountSnapshot {
  const regions = Object.fromEntries([...account.regions].sort(([a], [b]) => compare(a, b)).map(([name, { region }]) => [name, region]));
  return account.error !== undefined && account.regions.size === 0 ? { regions, error: account.error } : { regions };
}

function sourcesOf(inputs: readonly MergeInput[]): string {
  const counts = new Map<string, number>();
  for (const { snapshot } of inputs) counts.set(snapshot.source?.kind ?? "unknown", (counts.get(snapshot.source?.kind ?? "unknown") ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(", ");
}

function conflict(account: string, region: string, earlier: RegionSnapshot, later: RegionSnapshot, earlierPath: string, laterPath: string): InputError {
  const calls = [...new Set([...Object.keys(earlier.calls), ...Object.keys(later.calls)])];
  const differing = calls.find((call) => !isDeepStrictEqual((earlier.calls as Record<string, unknown>)[call], (later.calls as Record<string, unknown>)[call]));
  return new InputError(
    laterPath,
    `$.accounts[${JSON.stringify(account)}].regions[${JSON.stringify(region)}]`,
    `expected the same data as ${earlierPath}, which also holds account ${account} in ${region}; ${differing ?? "the region"} differs (collect each account and region in one input only, or collect them again together)`,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
