/** Planned landing-zone resources laid over every account's data of a deployed landing zone (src/iac/landing.ts). */
import { readFileSync } from "node:fs";
import { plannedSnapshot } from "../../src/iac/index.js";
import { PlannedNetwork } from "../../src/iac/planned.js";
import type { RegionCalls, Snapshot } from "../../src/snapshot/types.js";

const LIVE = "fixtures/iac/live/lz-hub-for-new-spokes.snapshot.json";
const HUB = "111111111111";
const SPOKE_A = "222222222222";
const TGW = "tgw-088ed33cdeaabaee6";
const HUB_TABLE = "tgw-rtb-08ee21649d5d61dbb";
const SPOKES_TABLE = "tgw-rtb-0f94ad07b485030b3";
const SPOKE_A_ATTACHMENT = "tgw-attach-0bf8a676caada69f9";
const SPOKE_A_VPC = "vpc-091e2ad7f13701ed8";
const HUB_VPC = "vpc-0187bba5d93cd9524";
const ZONE = "Z0HUBKMS0000000000001";

function lay(network: PlannedNetwork): { base: Snapshot; after: Snapshot; baseText: string } {
  const base = JSON.parse(readFileSync(LIVE, "utf8")) as Snapshot;
  const baseText = JSON.stringify(base);
  const after = plannedSnapshot({ kind: "terraform", path: "plan.json", parts: [{ network, account: SPOKE_A, region: "eu-west-1" }] }, { base }).snapshot;
  return { base, after, baseText };
}

function calls(snapshot: Snapshot, account: string): RegionCalls {
  return snapshot.accounts[account]!.regions["eu-west-1"]!.calls;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ok = (record: any): any => (record?.status === "ok" ? record.data : undefined);

function spokeVpc(network: PlannedNetwork): void {
  network.vpcs.set("vpc-[New]", { VpcId: "vpc-[New]", CidrBlock: "10.9.0.0/16" });
  network.subnets.set("subnet-[NewA]", { SubnetId: "subnet-[NewA]", VpcId: "vpc-[New]", CidrBlock: "10.9.1.0/24", AvailabilityZone: "eu-west-1a" });
  network.tgwAttachments.set("tgw-attach-[New]", { TransitGatewayAttachmentId: "tgw-attach-[New]", TransitGatewayId: TGW, VpcId: "vpc-[New]", SubnetIds: ["subnet-[NewA]"] });
}

describe("landing-zone resources laid over the deployed accounts", () => {
  it("an attachment opting out of the defaults, associated explicitly, with a static blackhole route: in the gateway owner's data; the base is untouched", () => {
    const network = new PlannedNetwork();
    spokeVpc(network);
    network.tgwAttachmentDefaults.set("tgw-attach-[New]", { association: false, propagation: false });
    network.tgwAssociations.push({ tableId: HUB_TABLE, attachmentId: "tgw-attach-[New]" });
    network.tgwRoutes.push({ tableId: SPOKES_TABLE, route: { DestinationCidrBlock: "10.9.0.0/16", Type: "static", State: "blackhole" } });
    const { base, after, baseText } = lay(network);
    expect(JSON.stringify(base)).toBe(baseText);
    const hub = calls(after, HUB);
    expect(ok(hub.GetTransitGatewayRouteTableAssociations).map((r: { TransitGatewayRouteTableId: string; Associations: { TransitGatewayAttachmentId: string }[] }) => `${r.TransitGatewayRouteTableId}: ${r.Associations.map((a) => a.TransitGatewayAttachmentId).join(", ")}`)).toEqual([
      `${HUB_TABLE}: tgw-attach-04bbb1566931f4136, tgw-attach-[New]`,
      `${SPOKES_TABLE}: ${SPOKE_A_ATTACHMENT}`,
    ]);
    const routes = ok(hub.SearchTransitGatewayRoutes).flatMap((t: { TransitGatewayRouteTableId: string; Routes: { DestinationCidrBlock?: string; Type?: string; State?: string }[] }) => t.Routes.filter((r) => r.DestinationCidrBlock === "10.9.0.0/16").map((r) => `${t.TransitGatewayRouteTableId} ${r.Type} ${r.State}`));
    expect(routes).toEqual([`${SPOKES_TABLE} static blackhole`]);
    for (const account of [HUB, SPOKE_A]) {
      const attachment = ok(calls(after, account).DescribeTransitGatewayAttachments).TransitGatewayAttachments.find((a: { TransitGatewayAttachmentId: string }) => a.TransitGatewayAttachmentId === "tgw-attach-[New]");
      expect({ account, owner: attachment.TransitGatewayOwnerId, resourceOwner: attachment.ResourceOwnerId, table: attachment.Association.TransitGatewayRouteTableId }).toEqual({ account, owner: HUB, resourceOwner: SPOKE_A, table: HUB_TABLE });
    }
  });

  it("a peering connection to the hub's VPC: both sides with their CIDRs, pending until the hub accepts it", () => {
    const network = new PlannedNetwork();
    spokeVpc(network);
    network.peerings.set("pcx-[New]", { VpcPeeringConnectionId: "pcx-[New]", RequesterVpcInfo: { VpcId: "vpc-[New]", OwnerId: SPOKE_A, Region: "eu-west-1" }, AccepterVpcInfo: { VpcId: HUB_VPC, OwnerId: HUB, Region: "eu-west-1" }, Status: { Code: "pending-acceptance" } });
    const pending = lay(network).after;
    for (const account of [HUB, SPOKE_A]) {
      const peering = ok(calls(pending, account).DescribeVpcPeeringConnections).VpcPeeringConnections.find((p: { VpcPeeringConnectionId: string }) => p.VpcPeeringConnectionId === "pcx-[New]");
      expect([account, peering.Status.Code, peering.RequesterVpcInfo.CidrBlock, peering.AccepterVpcInfo.CidrBlock]).toEqual([account, "pending-acceptance", "10.9.0.0/16", "10.0.0.0/16"]);
    }
    network.peeringAccepts.push("pcx-[New]");
    const accepted = ok(calls(lay(network).after, HUB).DescribeVpcPeeringConnections).VpcPeeringConnections.find((p: { VpcPeeringConnectionId: string }) => p.VpcPeeringConnectionId === "pcx-[New]");
    expect(accepted.Status.Code).toBe("active");
  });

  it("a record in the hub's zone lands in the hub's records, replacing the one with its name and type; a deleted association and attachment go", () => {
    const network = new PlannedNetwork();
    network.records.push({ zoneId: ZONE, record: { Name: "kms.eu-west-1.amazonaws.com.", Type: "A", AliasTarget: { DNSName: "vpce-0123456789abcdef0-x.kms.eu-west-1.vpce.amazonaws.com", HostedZoneId: "Z7", EvaluateTargetHealth: false } } });
    network.deletedZoneAssociations.push({ zoneId: ZONE, vpcId: SPOKE_A_VPC });
    network.deleted.add(SPOKE_A_ATTACHMENT);
    const { after } = lay(network);
    const records = ok(calls(after, HUB).ListResourceRecordSets).find((r: { HostedZoneId: string }) => r.HostedZoneId === ZONE).ResourceRecordSets;
    expect(records.map((r: { Type: string; AliasTarget?: { DNSName: string } }) => `${r.Type} ${r.AliasTarget?.DNSName ?? ""}`)).toEqual(["NS ", "SOA ", "A vpce-0123456789abcdef0-x.kms.eu-west-1.vpce.amazonaws.com"]);
    expect(ok(calls(after, SPOKE_A).ListHostedZonesByVPC).find((r: { VPCId: string }) => r.VPCId === SPOKE_A_VPC).HostedZoneSummaries).toEqual([]);
    for (const account of [HUB, SPOKE_A]) {
      expect(ok(calls(after, account).DescribeTransitGatewayVpcAttachments).TransitGatewayVpcAttachments.map((a: { TransitGatewayAttachmentId: string }) => a.TransitGatewayAttachmentId)).not.toContain(SPOKE_A_ATTACHMENT);
    }
  });
});
