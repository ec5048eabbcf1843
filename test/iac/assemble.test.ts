import { assembleRegion } from "../../src/iac/assemble.js";
import { PlannedNetwork } from "../../src/iac/planned.js";
import { LANDING_ZONE_CALLS } from "../../src/snapshot/types.js";
import { ids, regionCalls, route, routeTable, scenario, withNat } from "../support/build.js";

function deployed() {
  return regionCalls(withNat(scenario()));
}

describe("laying planned resources over the deployed account", () => {
  it("adds new resources, replaces changed ones by id and removes deleted ones, without touching the base", () => {
    const base = deployed();
    const baseText = JSON.stringify(base);
    const network = new PlannedNetwork();
    network.subnets.set("subnet-[New]", { SubnetId: "subnet-[New]", VpcId: ids.vpc, CidrBlock: "10.0.20.0/24" });
    network.subnets.set(ids.privateC, { SubnetId: ids.privateC, VpcId: ids.vpc, CidrBlock: "10.0.99.0/24", AvailabilityZone: "ap-northeast-1c" });
    network.deleted.add(ids.nat);
    const calls = assembleRegion(network, base);
    const subnets = calls.DescribeSubnets?.status === "ok" ? calls.DescribeSubnets.data.Subnets : [];
    expect(subnets.map((s) => `${s.SubnetId} ${s.CidrBlock}`)).toEqual([
      `${ids.publicA} 10.0.0.0/24`,
      `${ids.publicC} 10.0.1.0/24`,
      `${ids.privateA} 10.0.10.0/24`,
      `${ids.privateC} 10.0.99.0/24`,
      "subnet-[New] 10.0.20.0/24",
    ]);
    expect(calls.DescribeNatGateways?.status === "ok" && calls.DescribeNatGateways.data.NatGateways).toEqual([]);
    expect(JSON.stringify(base)).toBe(baseText);
  });

  it("a route replaces the deployed route with the same destination; a deleted route goes; an association moves the subnet", () => {
    const network = new PlannedNetwork();
    network.routeTables.set("rtb-[Isolated]", routeTable({ RouteTableId: "rtb-[Isolated]", Routes: [] }));
    network.routes.push({ tableId: ids.rtbPublic, route: route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat }) });
    network.deletedRoutes.push({ tableId: ids.rtbPrivate, destination: "0.0.0.0/0" });
    network.tableAssociations.push({ tableId: "rtb-[Isolated]", subnetId: ids.privateA });
    const calls = assembleRegion(network, deployed());
    const tables = new Map((calls.DescribeRouteTables?.status === "ok" ? calls.DescribeRouteTables.data.RouteTables : []).map((t) => [t.RouteTableId, t]));
    expect(tables.get(ids.rtbPublic)?.Routes?.map((r) => `${r.DestinationCidrBlock} ${r.GatewayId ?? r.NatGatewayId}`)).toEqual(["10.0.0.0/16 local", `0.0.0.0/0 ${ids.nat}`]);
    expect(tables.get(ids.rtbPrivate)?.Routes?.map((r) => r.DestinationCidrBlock)).toEqual(["10.0.0.0/16"]);
    expect(tables.get(ids.rtbPrivate)?.Associations?.map((a) => a.SubnetId)).toEqual([ids.privateC]);
    expect(tables.get("rtb-[Isolated]")?.Associations?.map((a) => a.SubnetId)).toEqual([ids.privateA]);
  });

  it("a call the deployed data holds as a gap stays a gap: its resources are not known", () => {
    const base = { ...deployed(), DescribeSubnets: { status: "failed" as const, error: { code: "UnauthorizedOperation", message: "denied" } } };
    const network = new PlannedNetwork();
    network.subnets.set("subnet-[New]", { SubnetId: "subnet-[New]", VpcId: ids.vpc, CidrBlock: "10.0.20.0/24" });
    expect(assembleRegion(network, base).DescribeSubnets?.status).toBe("failed");
  });

  it("alone (nothing deployed), only the calls the input can answer are data; the others stay gaps", () => {
    const calls = assembleRegion(new PlannedNetwork(), undefined);
    expect(Object.keys(calls).sort()).toEqual([
      "DescribeAddresses", "DescribeDhcpOptions", "DescribeEgressOnlyInternetGateways", "DescribeInternetGateways", "DescribeManagedPrefixLists",
      "DescribeNatGateways", "DescribeNetworkAcls", "DescribeRouteTables", "DescribeSecurityGroups", "DescribeSubnets", "DescribeVpcAttribute",
      "DescribeVpcEndpoints", "DescribeVpcs", "GetManagedPrefixListEntries", "ListFunctions",
      // Nothing beyond the VPC exists but what the input names: no transit gateways, peering, zones, Resolver rules or Profiles.
      ...LANDING_ZONE_CALLS,
    ].sort());
  });
});
