import rule from "../../src/rules/nat-path-broken.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, ids, natScenario, replaceNat, withoutKmsEvidence } from "./scenarios.js";

const newNat = [
  "EIP=$(aws ec2 allocate-address --domain vpc --region ap-northeast-1 --query AllocationId --output text)",
  `NAT=$(aws ec2 create-nat-gateway --subnet-id ${ids.publicA} --connectivity-type public --allocation-id "$EIP" --region ap-northeast-1 --query NatGateway.NatGatewayId --output text)`,
  'aws ec2 wait nat-gateway-available --nat-gateway-ids "$NAT" --region ap-northeast-1',
  `aws ec2 replace-route --route-table-id ${ids.rtbPrivate} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id "$NAT" --region ap-northeast-1`,
];

ruleTester.run(rule, {
  valid: [{ name: "public NAT in a public subnet", snapshot: natScenario() }],
  invalid: [
    {
      name: "private NAT gateway",
      snapshot: natScenario((d) => replaceNat(d, { ConnectivityType: "private", NatGatewayAddresses: [{ PrivateIp: "10.0.0.10", NetworkInterfaceId: "eni-0nat000000000001", IsPrimary: true }] })),
      violations: [{ messageId: "natPathBroken", resourceId: ids.nat, key: `NAT_PRIVATE_CONNECTIVITY:${ids.nat}`, severity: "error" }],
      findings: ([f]) => {
        expect(f!.message).toContain("is a private NAT gateway");
        expect(f!.remediation.commands).toEqual(newNat);
      },
    },
    {
      name: "NAT gateway in a private subnet",
      snapshot: natScenario((d) => {
        d.subnets.push(b.subnet({ SubnetId: "subnet-0natprivate0000a1", CidrBlock: "10.0.20.0/24", AvailabilityZone: "ap-northeast-1a" }));
        replaceNat(d, { SubnetId: "subnet-0natprivate0000a1" });
      }),
      violations: [{ messageId: "natPathBroken", resourceId: ids.nat, key: "NAT_NOT_IN_PUBLIC_SUBNET:subnet-0natprivate0000a1" }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([`aws ec2 create-route --route-table-id ${ids.rtbMain} --destination-cidr-block 0.0.0.0/0 --gateway-id ${ids.igw} --region ap-northeast-1`]),
    },
    {
      name: "two NAT gateways whose subnets share a route table without an internet route: one finding on that table, one route",
      snapshot: natScenario((d) => {
        d.subnets.push(
          b.subnet({ SubnetId: "subnet-0natprivate0000a1", CidrBlock: "10.0.20.0/24", AvailabilityZone: "ap-northeast-1a" }),
          b.subnet({ SubnetId: "subnet-0natprivate0000c1", CidrBlock: "10.0.21.0/24", AvailabilityZone: "ap-northeast-1c" }),
        );
        replaceNat(d, { SubnetId: "subnet-0natprivate0000a1" });
        d.natGateways.push(b.natGateway({ NatGatewayId: "nat-0a1b2c3d4e5f60002", SubnetId: "subnet-0natprivate0000c1" }));
        d.routeTables = d.routeTables.map((t) => (t.RouteTableId === ids.rtbPrivate ? { ...t, Associations: (t.Associations ?? []).filter((a) => a.SubnetId !== ids.privateC) } : t));
        d.routeTables.push(b.routeTable({ RouteTableId: "rtb-0privatec00000001", Routes: [b.localRoute(), b.route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-0a1b2c3d4e5f60002" })] }, { subnets: [ids.privateC] }));
      }),
      violations: [{ messageId: "natSubnetsPrivate", resourceId: ids.rtbMain, key: "NAT_NOT_IN_PUBLIC_SUBNET", severity: "error", data: { nats: `${ids.nat} and nat-0a1b2c3d4e5f60002` } }],
      findings: ([f]) => {
        expect(f!.affected?.subnets).toEqual([ids.privateA, ids.privateC]);
        expect(f!.remediation.commands).toEqual([`aws ec2 create-route --route-table-id ${ids.rtbMain} --destination-cidr-block 0.0.0.0/0 --gateway-id ${ids.igw} --region ap-northeast-1`]);
      },
    },
    {
      name: "internet gateway detached",
      snapshot: natScenario((d) => (d.internetGateways = [{ ...d.internetGateways[0]!, Attachments: [] }])),
      violations: [{ messageId: "natPathBroken", resourceId: ids.nat, key: `IGW_NOT_ATTACHED:${ids.igw}` }],
      findings: ([f]) => expect(f!.remediation.commands).toEqual([`aws ec2 attach-internet-gateway --internet-gateway-id ${ids.igw} --vpc-id ${ids.vpc} --region ap-northeast-1`]),
    },
    {
      name: "failed NAT gateway, function without KMS evidence: note",
      snapshot: natScenario((d) => {
        withoutKmsEvidence(d);
        replaceNat(d, { State: "failed" });
      }),
      violations: [{ messageId: "natPathBroken", resourceId: ids.nat, key: `BAD_STATE:${ids.nat}`, severity: "note" }],
    },
  ],
});
