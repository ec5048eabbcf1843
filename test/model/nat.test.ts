import { ids, internetGateway, localRoute, natGateway, route, scenario, withNat, type RegionData } from "../support/build.js";
import { codes, pathOf, summary } from "./helpers.js";

function editNat(d: RegionData, p: Parameters<typeof natGateway>[0] | Partial<ReturnType<typeof natGateway>>): RegionData {
  d.natGateways[0] = { ...d.natGateways[0]!, ...p };
  return d;
}

const noEndpoint = `fail NO_ENDPOINT ${ids.vpc}`;

describe("NAT gateway path", () => {
  it("a working NAT gives reachable-via-nat, and a NAT in another AZ adds an AZ note", () => {
    const a = pathOf(withNat(scenario()), ids.privateA);
    expect(a.verdict).toBe("reachable-via-nat");
    expect(a.via).toEqual({ type: "nat-gateway", id: ids.nat });
    expect(a.notes).toEqual([]);
    const c = pathOf(withNat(scenario()), ids.privateC);
    expect(c.verdict).toBe("reachable-via-nat");
    expect(c.notes.map((n) => `${n.status} ${n.code} ${n.component.id}`)).toEqual([`info AVAILABILITY_ZONE_CROSSED ${ids.nat}`]);
  });

  it("a private NAT can't reach the internet", () => {
    const path = pathOf(editNat(withNat(scenario()), { ConnectivityType: "private", NatGatewayAddresses: [{ PrivateIp: "10.0.0.10", IsPrimary: true }] }));
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([noEndpoint, `fail NAT_PRIVATE_CONNECTIVITY ${ids.nat}`]);
  });

  it("a public NAT without an Elastic IP fails NAT_NO_PUBLIC_IP", () => {
    const path = pathOf(editNat(withNat(scenario()), { NatGatewayAddresses: [] }));
    expect(summary(path.blocking)).toEqual([noEndpoint, `fail NAT_NO_PUBLIC_IP ${ids.nat}`]);
  });

  it("a NAT that is not available fails BAD_STATE", () => {
    const path = pathOf(editNat(withNat(scenario()), { State: "deleted" }));
    expect(path.verdict).toBe("blocked");
    expect(path.blocking[1]!.detail).toBe(`${ids.nat} is deleted, not available.`);
  });

  it("a NAT placed in a private subnet (no route to an IGW) fails NAT_NOT_IN_PUBLIC_SUBNET", () => {
    const path = pathOf(editNat(withNat(scenario()), { SubnetId: ids.privateC }));
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([noEndpoint, `fail NAT_NOT_IN_PUBLIC_SUBNET ${ids.privateC}`]);
    expect(path.blocking[1]!.detail).toBe(`${ids.nat} is in ${ids.privateC}, which routes 0.0.0.0/0 -> ${ids.nat} in ${ids.rtbPrivate}, not to an internet gateway.`);
  });

  it("a NAT subnet without any default route fails NAT_NOT_IN_PUBLIC_SUBNET", () => {
    const d = withNat(scenario());
    d.routeTables.find((t) => t.RouteTableId === ids.rtbPublic)!.Routes = [localRoute()];
    expect(summary(pathOf(d).blocking)).toEqual([noEndpoint, `fail NAT_NOT_IN_PUBLIC_SUBNET ${ids.publicA}`]);
  });

  it("the NAT subnet's internet gateway must be attached to the VPC", () => {
    const d = withNat(scenario());
    d.internetGateways = [{ ...internetGateway(), Attachments: [] }];
    const path = pathOf(d);
    expect(summary(path.blocking)).toEqual([noEndpoint, `fail IGW_NOT_ATTACHED ${ids.igw}`]);
    expect(path.blocking[1]!.setting).toBe(`${ids.rtbPublic}: send 0.0.0.0/0 to the internet gateway attached to ${ids.vpc} (attach one if it has none)`);
  });

  it("a regional NAT (no subnet) needs an attached internet gateway in its VPC", () => {
    const d = withNat(scenario());
    const { SubnetId: _dropped, ...regional } = d.natGateways[0]!;
    d.natGateways[0] = regional;
    expect(pathOf(d).verdict).toBe("reachable-via-nat");
    d.internetGateways = [];
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([noEndpoint, `fail IGW_NOT_ATTACHED ${ids.vpc}`]);
  });

  it("a NAT gateway missing from the data is unknown, not a pass or a fail", () => {
    const d = withNat(scenario());
    d.natGateways = [];
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`unknown UNKNOWN_RESOURCE ${ids.nat}`]);
  });

  it("the NAT subnet routing its default route beyond the snapshot is unverifiable", () => {
    const d = withNat(scenario());
    d.routeTables.find((t) => t.RouteTableId === ids.rtbPublic)!.Routes = [localRoute(), route({ DestinationCidrBlock: "0.0.0.0/0", TransitGatewayId: "tgw-0egress" })];
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(codes(path.blocking)).toEqual(["ROUTE_LEAVES_SNAPSHOT"]);
  });

  it("keeps evaluating after a failure: private NAT and function SG without 443 are both listed", () => {
    const d = editNat(withNat(scenario()), { ConnectivityType: "private" });
    d.securityGroups.find((g) => g.GroupId === ids.sgFunction)!.IpPermissionsEgress = [];
    // In path order (issue 10 §5): the function's security group before the NAT gateway.
    expect(summary(pathOf(d).blocking)).toEqual([noEndpoint, `fail SG_HAS_NO_RULES ${ids.sgFunction}`, `fail NAT_PRIVATE_CONNECTIVITY ${ids.nat}`]);
  });
});
