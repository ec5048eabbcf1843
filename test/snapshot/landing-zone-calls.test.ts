import { InputError } from "../../src/errors.js";
import { parseSnapshot } from "../../src/snapshot/load.js";
import { CALL_NAMES, LANDING_ZONE_CALLS } from "../../src/snapshot/types.js";
import { scenario, toSnapshot } from "../support/build.js";
import { HUB, LZ_REGION, SPOKE_A, landingZoneSnapshot, lz } from "../support/landing-zone.js";

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected an InputError");
}

describe("landing-zone calls in the snapshot", () => {
  it("reads a snapshot holding every new call, in several accounts", () => {
    const snapshot = parseSnapshot(JSON.stringify(landingZoneSnapshot()), "lz.json");
    const hub = snapshot.accounts[HUB]?.regions[LZ_REGION]?.calls;
    for (const call of LANDING_ZONE_CALLS) expect(hub?.[call]?.status).toBe("ok");
    expect(hub?.SearchTransitGatewayRoutes).toMatchObject({ status: "ok", data: [{ TransitGatewayRouteTableId: lz.hubTable, AdditionalRoutesAvailable: false }, { TransitGatewayRouteTableId: lz.spokeTable }] });
    expect(snapshot.accounts[SPOKE_A]?.regions[LZ_REGION]?.calls.ListHostedZonesByVPC).toMatchObject({ status: "ok", data: [{ VPCId: lz.spokeAVpc, HostedZoneSummaries: [{ HostedZoneId: lz.zone, Owner: { OwningAccount: HUB } }] }] });
  });

  it("keeps reading snapshots made before them: the new calls are absent, not failed", () => {
    const snapshot = parseSnapshot(JSON.stringify(toSnapshot(scenario())), "old.json");
    const calls = Object.values(snapshot.accounts)[0]!.regions["ap-northeast-1"]!.calls;
    for (const call of LANDING_ZONE_CALLS) expect(calls[call]).toBeUndefined();
  });

  it("lists the new calls last, in the order CALL_NAMES gives them", () => {
    expect(CALL_NAMES.slice(-LANDING_ZONE_CALLS.length)).toEqual(LANDING_ZONE_CALLS);
    expect(LANDING_ZONE_CALLS).toHaveLength(16);
  });

  it("reads an account that could not be collected, and notes about accounts", () => {
    const snapshot = landingZoneSnapshot() as any;
    snapshot.accounts["444444444444"] = { regions: {}, error: { code: "AccessDenied", message: "not authorized to perform sts:AssumeRole" } };
    snapshot.notes = [{ account: "444444444444", message: "AssumeRole failed" }];
    snapshot.source = { kind: "merged", description: "3 snapshots" };
    expect(parseSnapshot(JSON.stringify(snapshot), "lz.json").accounts["444444444444"]?.error?.code).toBe("AccessDenied");
  });

  it.each<[string, (calls: any) => void, string]>([
    [
      "a route search without AdditionalRoutesAvailable",
      (calls) => delete calls.SearchTransitGatewayRoutes.data[0].AdditionalRoutesAvailable,
      `.calls.SearchTransitGatewayRoutes.data[0].AdditionalRoutesAvailable: expected a value (required), found nothing`,
    ],
    [
      "zones by VPC without the VPC's region",
      (calls) => delete calls.ListHostedZonesByVPC.data[0].VPCRegion,
      `.calls.ListHostedZonesByVPC.data[0].VPCRegion: expected a value (required), found nothing`,
    ],
    [
      "a record set without its zone id",
      (calls) => delete calls.ListResourceRecordSets.data[0].HostedZoneId,
      `.calls.ListResourceRecordSets.data[0].HostedZoneId: expected a value (required), found nothing`,
    ],
  ])("refuses %s, naming the place", (_name, edit, expected) => {
    const snapshot = landingZoneSnapshot() as any;
    edit(snapshot.accounts[HUB].regions[LZ_REGION].calls);
    expect(messageOf(() => parseSnapshot(JSON.stringify(snapshot), "lz.json"))).toContain(expected);
  });
});
