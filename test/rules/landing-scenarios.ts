/**
 * Landing-zone snapshots for rule tests: the fixtures' variants (tools/fixtures/landing-zones.ts) with the builders'
 * readable ids, and an edit hook on every account's calls (plain JSON).
 */
import type { RegionCalls, Snapshot } from "../../src/snapshot/types.js";
import { LANDING_ZONE_FIXTURES } from "../../tools/fixtures/landing-zones.js";
import { LZ_REGION } from "../support/landing-zone.js";

export { HUB, SPOKE_A, SPOKE_B, LZ_REGION, lz } from "../support/landing-zone.js";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The call's data in an account (throws when it is not a successful call: a test edit must find what it edits). */
export function callData(accounts: Record<string, Record<string, RegionCalls>>, account: string, call: keyof RegionCalls): Json {
  const record = (accounts[account]?.[LZ_REGION] as Json)?.[call];
  if (record?.status !== "ok") throw new Error(`test edit: ${account} ${call} is not an ok call`);
  return record.data;
}

export function lzSnapshot(fixture: string, edit: (accounts: Record<string, Record<string, RegionCalls>>) => void = () => {}): Snapshot {
  const found = LANDING_ZONE_FIXTURES.find((f) => f.name === fixture);
  if (found === undefined) throw new Error(`no landing-zone fixture ${fixture}`);
  const accounts = JSON.parse(JSON.stringify(found.accounts())) as Record<string, Record<string, RegionCalls>>;
  edit(accounts);
  return {
    format: "kms-audit/snapshot",
    version: 1,
    source: { kind: "fixture" },
    accounts: Object.fromEntries(Object.entries(accounts).map(([account, regions]) => [account, { regions: Object.fromEntries(Object.entries(regions).map(([r, calls]) => [r, { calls }])) }])),
  };
}
