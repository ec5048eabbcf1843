import rule from "../../src/rules/nat-cross-az.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, ids, natScenario } from "./scenarios.js";

/** A second NAT gateway in ap-northeast-1c, and private-c routed to it through its own table. */
function natPerAz(d: b.RegionData): void {
  d.natGateways.push(b.natGateway({ NatGatewayId: "nat-0c000000000000001", SubnetId: ids.publicC, NatGatewayAddresses: [{ AllocationId: "eipalloc-0c00000000000001", PublicIp: "203.0.113.11", PrivateIp: "10.0.1.10", NetworkInterfaceId: "eni-0natc00000000001", IsPrimary: true, Status: "succeeded" }] }));
  d.routeTables = d.routeTables.map((t) => (t.RouteTableId === ids.rtbPrivate ? { ...t, Associations: (t.Associations ?? []).filter((a) => a.SubnetId === ids.privateA) } : t));
  d.routeTables.push(b.routeTable({ RouteTableId: "rtb-0privatec00000001", Routes: [b.localRoute(), b.route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-0c000000000000001" })] }, { subnets: [ids.privateC] }));
}

ruleTester.run(rule, {
  valid: [{ name: "one NAT gateway per AZ", snapshot: natScenario(natPerAz) }],
  invalid: [
    {
      name: "both AZs through the NAT in ap-northeast-1a",
      snapshot: natScenario(),
      violations: [{ messageId: "crossAz", resourceId: ids.nat, key: "ap-northeast-1c", severity: "warning", data: { natAz: "ap-northeast-1a", az: "ap-northeast-1c" } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          "EIP=$(aws ec2 allocate-address --domain vpc --region ap-northeast-1 --query AllocationId --output text)",
          `NAT=$(aws ec2 create-nat-gateway --subnet-id ${ids.publicC} --connectivity-type public --allocation-id "$EIP" --region ap-northeast-1 --query NatGateway.NatGatewayId --output text)`,
          'aws ec2 wait nat-gateway-available --nat-gateway-ids "$NAT" --region ap-northeast-1',
          `ROUTE_TABLE=$(aws ec2 create-route-table --vpc-id ${ids.vpc} --region ap-northeast-1 --query RouteTable.RouteTableId --output text)`,
          'aws ec2 create-route --route-table-id "$ROUTE_TABLE" --destination-cidr-block 0.0.0.0/0 --nat-gateway-id "$NAT" --region ap-northeast-1',
          `aws ec2 replace-route-table-association --association-id rtbassoc-1-${ids.rtbPrivate} --route-table-id "$ROUTE_TABLE" --region ap-northeast-1`,
        ]),
    },
    {
      // A table serving only the subnets of that AZ keeps all its other routes: its default route is re-pointed in place.
      name: "the AZ's subnets have a route table of their own: its default route re-pointed in place",
      snapshot: natScenario((d) => {
        d.routeTables = d.routeTables.map((t) => (t.RouteTableId === ids.rtbPrivate ? { ...t, Associations: (t.Associations ?? []).filter((a) => a.SubnetId === ids.privateA) } : t));
        d.routeTables.push(b.routeTable({ RouteTableId: "rtb-0privatec00000001", Routes: [b.localRoute(), b.route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat })] }, { subnets: [ids.privateC] }));
      }),
      violations: [{ messageId: "crossAz", resourceId: ids.nat, key: "ap-northeast-1c" }],
      findings: ([f]) =>
        expect(f!.remediation.commands.slice(3)).toEqual(['aws ec2 replace-route --route-table-id rtb-0privatec00000001 --destination-cidr-block 0.0.0.0/0 --nat-gateway-id "$NAT" --region ap-northeast-1']),
    },
  ],
});
