/**
 * The path model across VPCs and accounts: transit gateway legs (AZ coverage, associations, longest prefix with static
 * over propagated, appliance mode), peering, security group references across each, the return path, and the DNS that
 * decides where a service name goes (zones, Profiles, Resolver rules, conflicts, gaps).
 */
import { buildModel } from "../../src/model/index.js";
import type { Hop, PathResult } from "../../src/model/types.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { dnsAttributes, interfaceEndpoint, localRoute, route, scenario, securityGroup, toSnapshot, ids, tcp } from "../support/build.js";
import { HUB, SPOKE_A, SPOKE_B, callData, lz, lzSnapshot } from "../rules/landing-scenarios.js";

type Accounts = Parameters<typeof callData>[0];

function paths(snapshot: Snapshot, fn = "decrypt-claims"): PathResult[] {
  return buildModel(snapshot).paths.filter((p) => p.functionName === fn && p.service === "kms");
}

function pathFrom(snapshot: Snapshot, subnetId: string, fn = "decrypt-claims"): PathResult {
  const found = paths(snapshot, fn).find((p) => p.subnetId === subnetId);
  if (found === undefined) throw new Error(`no path from ${subnetId}`);
  return found;
}

const A1 = "subnet-0a000000000000a1";
const B1 = "subnet-0b000000000000a1";

function hopsOf(path: PathResult): Hop[] {
  return path.attempts.flatMap((a) => a.hops);
}

function codes(hops: readonly Hop[]): string[] {
  return hops.filter((h) => h.status !== "pass" && h.status !== "info").map((h) => `${h.status} ${h.code} ${h.component.id}`);
}

function spokeTableRoutes(accounts: Accounts): { DestinationCidrBlock?: string; PrefixListId?: string; Type?: string; State?: string; TransitGatewayAttachments?: unknown[] }[] {
  return callData(accounts, HUB, "SearchTransitGatewayRoutes").find((r: { TransitGatewayRouteTableId: string }) => r.TransitGatewayRouteTableId === lz.spokeTable).Routes;
}

function setVpcAttachmentOptions(accounts: Accounts, id: string, options: Record<string, string>): void {
  for (const account of Object.keys(accounts)) {
    for (const a of callData(accounts, account, "DescribeTransitGatewayVpcAttachments").TransitGatewayVpcAttachments) if (a.TransitGatewayAttachmentId === id) a.Options = { ...a.Options, ...options };
  }
}

describe("transit gateway legs", () => {
  it("central endpoints: reachable through the hub endpoint, with every crossing named in path order", () => {
    const path = pathFrom(lzSnapshot("lz-central-endpoints-works"), A1);
    expect(path.verdict).toBe("reachable-via-endpoint");
    expect(path.via).toEqual({ type: "vpc-endpoint", id: lz.kmsEndpoint, account: HUB });
    const order = hopsOf(path).map((h) => h.code);
    expect(order.slice(0, 4)).toEqual(["DNS_RESOLVES", "ENDPOINT_FOUND", "DNS_PRIVATE_ZONE", "SG_ADMITS"]);
    const table = hopsOf(path).find((h) => h.component.type === "transit-gateway-route-table")!;
    expect(table.component.account).toBe(HUB);
    expect(table.detail).toContain(`${lz.spokeTable} (associated with ${lz.spokeAAttachment}, ${lz.tgw} (account ${HUB})) sends subnet-0hub0000000000a1 (10.0.1.0/24)`);
  });

  it("a static route beats a propagated one with the same prefix", () => {
    const snapshot = lzSnapshot("lz-central-endpoints-works", (accounts) => {
      spokeTableRoutes(accounts).push(
        { DestinationCidrBlock: "10.0.0.0/16", TransitGatewayAttachments: [{ TransitGatewayAttachmentId: lz.spokeAAttachment, ResourceId: lz.spokeAVpc, ResourceType: "vpc" }], Type: "propagated", State: "active" },
        { DestinationCidrBlock: "10.0.0.0/16", Type: "static", State: "blackhole" },
      );
    });
    expect(codes(hopsOf(pathFrom(snapshot, A1)))).toContain(`fail TGW_RTB_BAD_STATE_ROUTE ${lz.spokeTable}`);
  });

  it("the longest prefix wins over 0.0.0.0/0, and a prefix-list route is judged by the owner's entries", () => {
    const snapshot = lzSnapshot("lz-central-endpoints-works", (accounts) => {
      spokeTableRoutes(accounts).push({ DestinationCidrBlock: "10.0.1.0/24", Type: "static", State: "blackhole" });
    });
    const path = pathFrom(snapshot, A1);
    expect(path.verdict).toBe("blocked");
    // Only the interface in 10.0.1.0/24 is cut off: the calls sent to the one in 10.0.2.0/24 get through.
    expect(path.blocking.filter((h) => h.code === "TGW_RTB_BAD_STATE_ROUTE").map((h) => h.partial)).toEqual([true]);
    // The on-premises prefix list holds 192.168.0.0/16 only: it covers neither endpoint subnet, so no "maybe".
    expect(hopsOf(path).some((h) => h.code === "TGW_RTB_MORE_SPECIFIC_ROUTE")).toBe(false);
  });

  it("a prefix-list route whose entries were not collected may cover the destination: unverifiable", () => {
    const snapshot = lzSnapshot("lz-central-endpoints-works", (accounts) => {
      callData(accounts, HUB, "GetManagedPrefixListEntries").length = 0;
    });
    const path = pathFrom(snapshot, A1);
    expect(path.verdict).toBe("unverifiable");
    expect(codes(path.blocking)).toContain(`unknown TGW_RTB_MORE_SPECIFIC_ROUTE ${lz.spokeTable}`);
  });

  it("no route among the 1,000 listed while more exist (AdditionalRoutesAvailable): unverifiable, not blocked", () => {
    const snapshot = lzSnapshot("lz-central-endpoints-works", (accounts) => {
      const record = callData(accounts, HUB, "SearchTransitGatewayRoutes").find((r: { TransitGatewayRouteTableId: string }) => r.TransitGatewayRouteTableId === lz.spokeTable);
      record.Routes = [];
      record.AdditionalRoutesAvailable = true;
    });
    const path = pathFrom(snapshot, A1);
    expect(path.verdict).toBe("unverifiable");
    expect([...new Set(codes(path.blocking))]).toEqual([`unknown TGW_RTB_ROUTES_ARE_UNKNOWN ${lz.spokeTable}`]);
  });

  it("appliance mode: the flow may enter through any attachment subnet; without it, the one in the source's AZ", () => {
    const entered = (snapshot: Snapshot) => hopsOf(pathFrom(snapshot, A1)).find((h) => h.code === "TRANSIT_ENTERED" && h.component.id === lz.hubAttachment)!.detail;
    expect(entered(lzSnapshot("lz-central-endpoints-works"))).toContain("through one of its subnets in any AZ (appliance mode is on: the gateway keeps each flow on one interface): subnet-0hub0000000000a1 (10.0.1.0/24), subnet-0hub0000000000b1 (10.0.2.0/24)");
    const affinity = lzSnapshot("lz-central-endpoints-works", (accounts) => setVpcAttachmentOptions(accounts, lz.hubAttachment, { ApplianceModeSupport: "disable" }));
    expect(entered(affinity)).toContain("in eu-west-1a through subnet-0hub0000000000a1 (10.0.1.0/24)");
  });

  it("a subnet in an AZ the attachment doesn't cover can't reach the gateway at all", () => {
    const path = pathFrom(lzSnapshot("lz-az-not-attached"), "subnet-0a000000000000b1");
    expect(path.verdict).toBe("blocked");
    expect(codes(path.blocking)).toEqual([`fail TGW_ATTACH_VPC_AZ_RESTRICTION ${lz.spokeAAttachment}`]);
    expect(path.blocking[0]!.subnetId).toBe("subnet-0a000000000000b1");
  });

  it("the return path: the hub must route the spoke back", () => {
    const path = pathFrom(lzSnapshot("lz-no-return-route"), A1);
    expect(path.verdict).toBe("blocked");
    const missing = path.blocking.filter((h) => h.code === "NO_ROUTE_ACROSS_VPCS");
    expect(missing.map((h) => [h.component.id, h.component.account, h.route])).toEqual([
      ["rtb-0hub000000000001", HUB, { routeTableId: "rtb-0hub000000000001", destination: "10.1.0.0/16", target: lz.tgw }],
      ["rtb-0hub000000000001", HUB, { routeTableId: "rtb-0hub000000000001", destination: "10.1.0.0/16", target: lz.tgw }],
    ]);
  });

  it("a network ACL of the hub dropping the answers: stateless, checked on the way back", () => {
    const snapshot = lzSnapshot("lz-central-endpoints-works", (accounts) => {
      const acl = callData(accounts, HUB, "DescribeNetworkAcls").NetworkAcls[0];
      acl.Entries = [{ RuleNumber: 50, Egress: true, Protocol: "-1", RuleAction: "deny", CidrBlock: "10.1.0.0/16" }, ...acl.Entries];
    });
    const path = pathFrom(snapshot, A1);
    expect(path.verdict).toBe("blocked");
    expect(path.blocking.some((h) => h.code === "SUBNET_ACL_RESTRICTION" && h.direction === "egress" && h.component.account === HUB)).toBe(true);
  });
});

describe("security groups across VPCs", () => {
  /** The hub endpoint admits only the spoke functions' security groups, by reference. */
  function byReference(edit: (accounts: Accounts) => void = () => {}): Snapshot {
    return lzSnapshot("lz-central-endpoints-works", (accounts) => {
      const group = callData(accounts, HUB, "DescribeSecurityGroups").SecurityGroups.find((g: { GroupId: string }) => g.GroupId === "sg-0hubendpoint000001");
      group.IpPermissions = [tcp.fromGroup(443, "sg-0a00function000001"), tcp.fromGroup(443, "sg-0b00function000001")];
      edit(accounts);
    });
  }

  it("a reference to the spoke's group counts across a transit gateway with referencing on the gateway and both attachments", () => {
    expect(pathFrom(byReference(), A1).verdict).toBe("reachable-via-endpoint");
  });

  it("with referencing off on an attachment only CIDR rules count: the reference admits nothing", () => {
    const path = pathFrom(byReference((accounts) => setVpcAttachmentOptions(accounts, lz.spokeAAttachment, { SecurityGroupReferencingSupport: "disable" })), A1);
    expect(path.verdict).toBe("blocked");
    expect(codes(path.blocking)).toContain("fail ENI_SG_RULES_MISMATCH sg-0hubendpoint000001");
  });

  it("across peering in one region a reference works", () => {
    expect(pathFrom(byReference(), B1, "decrypt-invoices").verdict).toBe("reachable-via-endpoint");
  });
});

describe("peering", () => {
  it("reaches an interface endpoint in the peer, both ways routed", () => {
    const path = pathFrom(lzSnapshot("lz-central-endpoints-works"), B1, "decrypt-invoices");
    expect(path.verdict).toBe("reachable-via-endpoint");
    expect(hopsOf(path).filter((h) => h.code === "TRANSIT_ENTERED").map((h) => h.component.id)).toContain(lz.peering);
  });

  it("never reaches the peer's NAT gateway (no edge-to-edge routing)", () => {
    const path = pathFrom(lzSnapshot("lz-peering-to-nat"), B1, "decrypt-invoices");
    expect(path.verdict).toBe("blocked");
    expect(codes(path.blocking)).toEqual([`fail NO_ENDPOINT ${lz.spokeBVpc}`, `fail PCX_EDGE_TO_EDGE rtb-0b00000000000001:0.0.0.0/0 -> ${lz.peering}`]);
  });
});

describe("central egress", () => {
  it("reaches KMS through the hub's NAT gateway, the NAT subnet routing the spoke back", () => {
    const path = pathFrom(lzSnapshot("lz-central-egress-works"), A1);
    expect(path.verdict).toBe("reachable-via-nat");
    expect(path.via?.account).toBe(HUB);
    const hops = hopsOf(path);
    expect(hops.some((h) => h.code === "ROUTE_MATCHED" && h.detail.startsWith("rtb-0hubpublic000001 of subnet-0hub0000000000pa") && h.detail.includes("10.1.0.0/16 -> tgw"))).toBe(true);
  });

  it("a NAT subnet without the route back sends the answer to its internet gateway, which drops private destinations", () => {
    const snapshot = lzSnapshot("lz-central-egress-works", (accounts) => {
      for (const table of callData(accounts, HUB, "DescribeRouteTables").RouteTables) {
        if (table.RouteTableId === "rtb-0hubpublic000001") table.Routes = table.Routes.filter((r: { DestinationCidrBlock?: string }) => r.DestinationCidrBlock !== "10.1.0.0/16");
      }
    });
    const path = pathFrom(snapshot, A1);
    expect(path.verdict).toBe("blocked");
    expect(path.blocking.filter((h) => h.status === "fail" && h.component.type === "route-table").map((h) => [h.code, h.component.id, h.component.account, h.route])).toEqual([
      ["NO_ROUTE_ACROSS_VPCS", "rtb-0hubpublic000001", HUB, { routeTableId: "rtb-0hubpublic000001", destination: "10.1.0.0/16", target: lz.tgw }],
    ]);
  });
});

describe("the service name", () => {
  it("a zone carried by a Route 53 Profile answers like one associated directly", () => {
    const snapshot = lzSnapshot("lz-central-endpoints-works", (accounts) => {
      for (const record of callData(accounts, SPOKE_A, "ListHostedZonesByVPC")) record.HostedZoneSummaries = [];
    });
    const path = pathFrom(snapshot, A1);
    expect(path.verdict).toBe("reachable-via-endpoint");
    expect(hopsOf(path).find((h) => h.code === "DNS_PRIVATE_ZONE")!.detail).toContain(`(through Route 53 Profile ${lz.profile})`);
  });

  it("a Resolver forwarding rule for the name wins over the zone: what the forwarded resolvers answer is unknown", () => {
    const snapshot = lzSnapshot("lz-central-endpoints-works", (accounts) => {
      for (const account of [HUB, SPOKE_A]) for (const rule of callData(accounts, account, "ListResolverRules").ResolverRules) rule.DomainName = "amazonaws.com.";
    });
    const path = pathFrom(snapshot, A1);
    expect(path.verdict).toBe("unverifiable");
    expect(codes(path.blocking)).toContain("unknown DNS_FORWARDED kms.eu-west-1.amazonaws.com");
  });

  it("a zone associated next to a local private-DNS endpoint for the same name: AWS allows only one, so only agreement decides", () => {
    const withLocalEndpoint = (admitted: boolean) =>
      lzSnapshot("lz-central-endpoints-works", (accounts) => {
        callData(accounts, SPOKE_A, "DescribeVpcEndpoints").VpcEndpoints.push(
          interfaceEndpoint({ VpcEndpointId: "vpce-0a00kms000000001", ServiceName: "com.amazonaws.eu-west-1.kms", VpcId: lz.spokeAVpc, OwnerId: SPOKE_A, PrivateDnsEnabled: true, SubnetIds: [A1], Groups: [{ GroupId: "sg-0a00function000001", GroupName: "fn" }] }),
        );
        if (admitted) callData(accounts, SPOKE_A, "DescribeSecurityGroups").SecurityGroups[0].IpPermissions = [tcp.fromGroup(443, "sg-0a00function000001")];
      });
    // Both ways work: the verdict stands, with a note.
    const agreeing = pathFrom(withLocalEndpoint(true), A1);
    expect(agreeing.verdict).toBe("reachable-via-endpoint");
    expect(agreeing.notes.map((h) => h.code)).toContain("DNS_ZONE_CONFLICT");
    // The local endpoint's group admits nothing: one way fails, the other works, so the path is unverifiable.
    const disagreeing = pathFrom(withLocalEndpoint(false), A1);
    expect(disagreeing.verdict).toBe("unverifiable");
    expect(codes(disagreeing.blocking)).toContain("unknown DNS_ZONE_CONFLICT kms.eu-west-1.amazonaws.com");
  });

  it("without the hub account: unverifiable, naming the account to add", () => {
    const path = pathFrom(lzSnapshot("lz-without-hub"), B1, "decrypt-invoices");
    expect(path.verdict).toBe("unverifiable");
    expect(path.blocking.map((h) => [h.code, h.detail, h.setting])).toEqual([
      [
        "DATA_GAP",
        `account ${HUB} is not in the snapshot, so the records of zone ${lz.zone} (kms.eu-west-1.amazonaws.com), which answers kms.eu-west-1.amazonaws.com in ${lz.spokeBVpc} can't be checked.`,
        `collect account ${HUB} too (kms-audit collect --accounts ${HUB} ..., or kms-audit merge its snapshot with this one)`,
      ],
    ]);
    void SPOKE_B;
  });
});

describe("snapshots without Route 53 keep their verdicts", () => {
  it("a VPC with nothing beyond its local route stays definitely blocked", () => {
    const path = buildModel(toSnapshot(scenario())).paths.find((p) => p.subnetId === ids.privateA)!;
    expect(path.verdict).toBe("blocked");
    expect(path.blocking.some((h) => h.code === "DATA_GAP")).toBe(false);
  });

  it("a blocked path whose subnet routes private space to a transit gateway: a zone could lead there, so the gap counts", () => {
    const d = scenario();
    d.routeTables[0]!.Routes = [localRoute(), route({ DestinationCidrBlock: "10.0.0.0/8", TransitGatewayId: "tgw-0corp000000000001" })];
    const path = buildModel(toSnapshot(d)).paths.find((p) => p.subnetId === ids.privateA)!;
    expect(path.verdict).toBe("unverifiable");
    expect(path.blocking.filter((h) => h.code === "DATA_GAP").map((h) => h.detail)).toEqual([
      `ListHostedZonesByVPC was not collected in account 123456789012, so whether a private hosted zone or Resolver rule of ${ids.vpc} answers kms.ap-northeast-1.amazonaws.com can't be checked.`,
    ]);
  });

  it("a zone needs the VPC's DNS hostnames on: with them off, whether it answers is uncertain", () => {
    const snapshot = lzSnapshot("lz-central-endpoints-works", (accounts) => {
      const attributes = callData(accounts, SPOKE_A, "DescribeVpcAttribute");
      attributes.splice(0, attributes.length, ...dnsAttributes(lz.spokeAVpc, true, false));
    });
    expect(pathFrom(snapshot, A1).verdict).toBe("unverifiable");
  });

  void securityGroup;
});
