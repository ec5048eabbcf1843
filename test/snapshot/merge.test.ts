import { InputError } from "../../src/errors.js";
import { parseSnapshot } from "../../src/snapshot/load.js";
import { mergeSnapshots } from "../../src/snapshot/merge.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { HUB, LZ_REGION, SPOKE_A, SPOKE_B, landingZoneSnapshot, lz } from "../support/landing-zone.js";

function only(snapshot: Snapshot, accounts: readonly string[], extra: Partial<Snapshot> = {}): Snapshot {
  return { ...snapshot, accounts: Object.fromEntries(accounts.map((id) => [id, snapshot.accounts[id]!])), ...extra };
}

const whole = landingZoneSnapshot();

describe("mergeSnapshots", () => {
  it("puts accounts collected separately back together, sorted, whatever the input order; the earliest collectedAt", () => {
    const merged = mergeSnapshots([
      { path: "spoke-b.json", snapshot: only(whole, [SPOKE_B], { collectedAt: "2026-11-20T10:05:00.000Z" }) },
      { path: "hub.json", snapshot: only(whole, [HUB], { collectedAt: "2026-11-20T10:00:00.000Z" }) },
      { path: "spoke-a.json", snapshot: only(whole, [SPOKE_A], { collectedAt: "2026-11-20T10:02:00.000Z", source: { kind: "aws-cli" } }) },
    ]);
    expect(Object.keys(merged.accounts)).toEqual([HUB, SPOKE_A, SPOKE_B]);
    expect(merged.accounts).toEqual(whole.accounts);
    expect(merged.collectedAt).toBe("2026-11-20T10:00:00.000Z");
    expect(merged.source).toEqual({ kind: "merged", description: "kms-audit merge of 3 snapshot(s): 2 fixture, 1 aws-cli" });
    // The merged file is a valid snapshot in which the spoke's shared gateway and the hub's route tables join by id.
    const reread = parseSnapshot(JSON.stringify(merged), "org.json");
    const spokeGateway = reread.accounts[SPOKE_A]!.regions[LZ_REGION]!.calls.DescribeTransitGateways;
    const hubTables = reread.accounts[HUB]!.regions[LZ_REGION]!.calls.DescribeTransitGatewayRouteTables;
    expect(spokeGateway?.status === "ok" && spokeGateway.data.TransitGateways[0]?.TransitGatewayId).toBe(lz.tgw);
    expect(hubTables?.status === "ok" && hubTables.data.TransitGatewayRouteTables.map((t) => t.TransitGatewayId)).toEqual([lz.tgw, lz.tgw]);
  });

  it("takes regions of one account from different inputs, and the same region twice when it is identical", () => {
    const virginia = { calls: { DescribeVpcs: { status: "ok" as const, data: { Vpcs: [] } } } };
    const hubRegions = whole.accounts[HUB]!.regions;
    const merged = mergeSnapshots([
      { path: "a.json", snapshot: { ...whole, accounts: { [HUB]: { regions: hubRegions } } } },
      { path: "b.json", snapshot: { ...whole, accounts: { [HUB]: { regions: { "us-east-1": virginia, ...hubRegions } } } } },
    ]);
    expect(Object.keys(merged.accounts[HUB]!.regions)).toEqual([LZ_REGION, "us-east-1"]);
  });

  it("refuses the same account and region with different data, naming both files and the call that differs", () => {
    const changed = JSON.parse(JSON.stringify(only(whole, [HUB]))) as any;
    changed.accounts[HUB].regions[LZ_REGION].calls.SearchTransitGatewayRoutes.data[0].Routes = [];
    const merge = () => mergeSnapshots([{ path: "hub-monday.json", snapshot: only(whole, [HUB]) }, { path: "hub-tuesday.json", snapshot: changed }]);
    expect(merge).toThrow(InputError);
    expect(merge).toThrow(
      `hub-tuesday.json: $.accounts["${HUB}"].regions["${LZ_REGION}"]: expected the same data as hub-monday.json, which also holds account ${HUB} in ${LZ_REGION}; SearchTransitGatewayRoutes differs (collect each account and region in one input only, or collect them again together)`,
    );
  });

  it("keeps an account that could not be collected as a gap, unless another input collected it; notes once each", () => {
    const failed: Snapshot = { ...whole, accounts: { [SPOKE_B]: { regions: {}, error: { code: "AccessDenied", message: "no" } } }, notes: [{ account: SPOKE_B, message: "not collected" }] };
    const alone = mergeSnapshots([{ path: "shard-1.json", snapshot: failed }, { path: "shard-2.json", snapshot: failed }]);
    expect(alone.accounts[SPOKE_B]).toEqual({ regions: {}, error: { code: "AccessDenied", message: "no" } });
    expect(alone.notes).toEqual([{ account: SPOKE_B, message: "not collected" }]);
    const rescued = mergeSnapshots([{ path: "shard-1.json", snapshot: failed }, { path: "retry.json", snapshot: only(whole, [SPOKE_B]) }]);
    expect(rescued.accounts[SPOKE_B]).toEqual(whole.accounts[SPOKE_B]);
  });
});
