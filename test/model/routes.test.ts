import { buildRegionIndex, matchServiceRoute, routeTarget, serviceSpec } from "../../src/model/index.js";
import { ACCOUNT, REGION, ids, localRoute, managedPrefixList, regionCalls, route, routeTable, scenario, withNat, type RegionData } from "../support/build.js";
import { pathOf, summary } from "./helpers.js";

function privateRoutes(d: RegionData, routes: ReturnType<typeof route>[]): RegionData {
  const table = d.routeTables.find((t) => t.RouteTableId === ids.rtbPrivate)!;
  table.Routes = [localRoute(), ...routes];
  return d;
}

describe("route table choice", () => {
  it("uses the explicitly associated table over the main table", () => {
    const d = withNat(scenario());
    d.routeTables[0]!.Routes = [localRoute(), route({ DestinationCidrBlock: "0.0.0.0/0", TransitGatewayId: "tgw-0main" })];
    const path = pathOf(d);
    expect(path.verdict).toBe("reachable-via-nat");
    expect(path.attempts[0]!.hops.find((h) => h.code === "ROUTE_MATCHED")?.detail).toBe(
      `rtb-0private0000000001 (associated with ${ids.privateA}) sends kms's public IPs via 0.0.0.0/0 -> ${ids.nat}.`,
    );
  });

  it("falls back to the VPC's main table for a subnet without explicit association", () => {
    const d = scenario();
    d.routeTables[0]!.Routes = [localRoute(), route({ DestinationCidrBlock: "0.0.0.0/0", TransitGatewayId: "tgw-0main" })];
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(path.blocking.map((h) => `${h.status} ${h.code} ${h.component.type} ${h.component.id}`)).toEqual([
      "unknown ROUTE_LEAVES_SNAPSHOT transit-gateway tgw-0main",
    ]);
  });

  it("index.routeTableFor returns the explicit table, else the main table", () => {
    const index = buildRegionIndex(ACCOUNT, REGION, regionCalls(withNat(scenario())));
    expect(index.routeTableFor(ids.privateA)?.RouteTableId).toBe(ids.rtbPrivate);
    expect(index.routeTableFor(ids.publicA)?.RouteTableId).toBe(ids.rtbPublic);
    const bare = buildRegionIndex(ACCOUNT, REGION, regionCalls(scenario()));
    expect(bare.routeTableFor(ids.privateA)?.RouteTableId).toBe(ids.rtbMain);
  });
});

describe("longest-prefix match for a service's public IP", () => {
  it("no covering route -> blocked NO_ROUTE_TO_DESTINATION with the fix", () => {
    const path = pathOf(scenario());
    expect(path.verdict).toBe("blocked");
    const noRoute = path.blocking.find((h) => h.code === "NO_ROUTE_TO_DESTINATION")!;
    expect(noRoute.status).toBe("fail");
    expect(noRoute.component).toEqual({ type: "route-table", id: ids.rtbMain });
    expect(noRoute.setting).toBe(
      `${ids.rtbMain}: add 0.0.0.0/0 -> a NAT gateway in a public subnet, or create an interface endpoint com.amazonaws.${REGION}.kms with private DNS`,
    );
  });

  it("routes to private, shared, link-local and VPC space never cover the service", () => {
    const d = privateRoutes(withNat(scenario()), [
      route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat }),
      route({ DestinationCidrBlock: "172.16.0.0/12", TransitGatewayId: "tgw-0a" }),
      route({ DestinationCidrBlock: "100.64.0.0/10", TransitGatewayId: "tgw-0a" }),
      route({ DestinationCidrBlock: "192.168.1.0/24", VpcPeeringConnectionId: "pcx-0a" }),
      route({ DestinationCidrBlock: "169.254.0.0/16", NetworkInterfaceId: "eni-0a" }),
    ]);
    expect(pathOf(d).verdict).toBe("reachable-via-nat");
  });

  it("a public more-specific route to another target leaves the verdict unverifiable, naming the route", () => {
    const d = privateRoutes(withNat(scenario()), [
      route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat }),
      route({ DestinationCidrBlock: "52.0.0.0/8", TransitGatewayId: "tgw-0corp" }),
    ]);
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`unknown MORE_SPECIFIC_ROUTE ${ids.rtbPrivate}:52.0.0.0/8 -> tgw-0corp`]);
    expect(path.blocking[0]!.detail).toBe(
      `52.0.0.0/8 -> tgw-0corp in ${ids.rtbPrivate} may cover some of kms's public IPs and send them to tgw-0corp instead of ${ids.nat}.`,
    );
  });

  it("a public more-specific route to the same NAT changes nothing", () => {
    const d = privateRoutes(withNat(scenario()), [
      route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat }),
      route({ DestinationCidrBlock: "52.0.0.0/8", NatGatewayId: ids.nat }),
    ]);
    expect(pathOf(d).verdict).toBe("reachable-via-nat");
  });

  it("a more-specific route does not make a failing path unverifiable: blocked, the route as info", () => {
    const d = privateRoutes(withNat(scenario()), [
      route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat, State: "blackhole" }),
      route({ DestinationCidrBlock: "52.0.0.0/8", TransitGatewayId: "tgw-0corp" }),
    ]);
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([`fail NO_ENDPOINT ${ids.vpc}`, `fail BAD_STATE_ROUTE ${ids.rtbPrivate}:0.0.0.0/0 -> ${ids.nat}`]);
    const internet = path.attempts.find((a) => a.kind === "nat-gateway")!;
    expect(internet.hops.filter((h) => h.code === "MORE_SPECIFIC_ROUTE").map((h) => h.status)).toEqual(["info"]);
  });

  it("a blackhole default route fails with BAD_STATE_ROUTE, naming the route to re-target", () => {
    const d = privateRoutes(withNat(scenario()), [route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-0deleted", State: "blackhole" })]);
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    const blackhole = path.blocking.find((h) => h.code === "BAD_STATE_ROUTE")!;
    expect(blackhole.detail).toBe(`0.0.0.0/0 -> nat-0deleted in ${ids.rtbPrivate} is a blackhole: NAT gateway nat-0deleted no longer exists.`);
    expect(blackhole.setting).toBe(`${ids.rtbPrivate}: point 0.0.0.0/0 at a live target (the gateway it meant), or delete the route`);
  });

  it.each([
    ["TransitGatewayId", "tgw-0abc", "transit-gateway"],
    ["VpcPeeringConnectionId", "pcx-0abc", "vpc-peering-connection"],
    ["GatewayId", "vgw-0abc", "virtual-private-gateway"],
    ["NetworkInterfaceId", "eni-0abc", "network-interface"],
    ["InstanceId", "i-0abc", "instance"],
    ["LocalGatewayId", "lgw-0abc", "other-target"],
    ["CarrierGatewayId", "cagw-0abc", "other-target"],
  ])("a default route via %s is unverifiable ROUTE_LEAVES_SNAPSHOT", (field, target, type) => {
    const d = privateRoutes(withNat(scenario()), [route({ DestinationCidrBlock: "0.0.0.0/0", [field]: target })]);
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(path.blocking.map((h) => `${h.status} ${h.code} ${h.component.type} ${h.component.id}`)).toEqual([`unknown ROUTE_LEAVES_SNAPSHOT ${type} ${target}`]);
  });

  it("a subnet whose default route goes to an internet gateway gives the function no internet", () => {
    const d = scenario();
    d.functions[0]!.VpcConfig = { SubnetIds: [ids.publicA], SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc };
    const path = pathOf(d, ids.publicA);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([`fail NO_ENDPOINT ${ids.vpc}`, `fail IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS ${ids.igw}`]);
  });

  it("an AWS-managed prefix list route covers only its own gateway service", () => {
    const d = scenario();
    d.prefixLists.push(managedPrefixList("pl-61a54008", `com.amazonaws.${REGION}.s3`));
    const index = buildRegionIndex(ACCOUNT, REGION, regionCalls(d));
    const table = routeTable({
      RouteTableId: "rtb-x",
      Routes: [localRoute(), route({ DestinationPrefixListId: "pl-61a54008", GatewayId: "vpce-0s3gw" }), route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat })],
    });
    expect(matchServiceRoute(index, table, serviceSpec("s3")).chosen?.GatewayId).toBe("vpce-0s3gw");
    const kms = matchServiceRoute(index, table, serviceSpec("kms"));
    expect(kms.chosen?.NatGatewayId).toBe(ids.nat);
    expect(kms.uncertain).toEqual([]);
  });

  it("a customer prefix list route may cover the service unless its entries are all private", () => {
    const d = scenario();
    d.prefixLists.push(managedPrefixList("pl-0corp", "corp-ranges", ACCOUNT), managedPrefixList("pl-0onprem", "on-prem", ACCOUNT));
    d.prefixListEntries.push({ PrefixListId: "pl-0corp", Entries: [{ Cidr: "198.51.100.0/24" }] }, { PrefixListId: "pl-0onprem", Entries: [{ Cidr: "10.50.0.0/16" }] });
    const index = buildRegionIndex(ACCOUNT, REGION, regionCalls(d));
    const table = routeTable({
      RouteTableId: "rtb-x",
      Routes: [
        localRoute(),
        route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat }),
        route({ DestinationPrefixListId: "pl-0corp", TransitGatewayId: "tgw-0a" }),
        route({ DestinationPrefixListId: "pl-0onprem", TransitGatewayId: "tgw-0a" }),
      ],
    });
    expect(matchServiceRoute(index, table, serviceSpec("kms")).uncertain.map((r) => r.DestinationPrefixListId)).toEqual(["pl-0corp"]);
  });

  it("names the target kind of each route field", () => {
    expect(routeTarget(route({ GatewayId: "local" })).kind).toBe("local");
    expect(routeTarget(route({ GatewayId: "igw-1" })).kind).toBe("internet-gateway");
    expect(routeTarget(route({ GatewayId: "vpce-1" })).kind).toBe("vpc-endpoint");
    expect(routeTarget(route({ NatGatewayId: "nat-1" })).kind).toBe("nat-gateway");
    expect(routeTarget(route({ EgressOnlyInternetGatewayId: "eigw-1" })).kind).toBe("egress-only-internet-gateway");
    expect(routeTarget(route({ CoreNetworkArn: "arn:aws:networkmanager::1:core-network/cn-1" }))).toEqual({ kind: "other-target", id: "arn:aws:networkmanager::1:core-network/cn-1" });
  });
});
