import type { PathResult } from "../model/types.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { createPublicNat, ec2, ec2Capture } from "./support/commands.js";
import { setVariable, variable } from "./fix.js";
import { affectedPaths, groupBy, pathsWithVerdict } from "./support/hops.js";
import { oncePerKey } from "./support/once.js";
import { natAz, publicSubnetIn } from "./support/resources.js";
import { sortedUnique } from "./support/text.js";

type MessageId = "crossAz";

export default defineRule<MessageId>({
  meta: {
    id: "nat-cross-az",
    title: "Function reaches the internet through a NAT gateway in another Availability Zone",
    severity: "warning",
    category: "resilience",
    securitySeverity: 3.0,
    rationale:
      "A NAT gateway lives in one Availability Zone. Subnets of other AZs that route through it lose internet access, and " +
      "with it the AWS service endpoints they reach that way, when its AZ fails, and they pay cross-AZ data transfer on every " +
      "byte. AWS recommends one NAT gateway per AZ, each AZ's private subnets routing to their own.",
    remediation: {
      text: "Create a public NAT gateway in a public subnet of the function's AZ and route that AZ's private subnets to it through their own route table.",
      cli: [
        "aws ec2 allocate-address --domain vpc --region <region>",
        "aws ec2 create-nat-gateway --subnet-id <public-subnet-in-az> --connectivity-type public --allocation-id <allocation-id> --region <region>",
        "aws ec2 create-route-table --vpc-id <vpc-id> --region <region>",
        "aws ec2 create-route --route-table-id <new-route-table-id> --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <new-nat-gateway-id> --region <region>",
        "aws ec2 associate-route-table --route-table-id <new-route-table-id> --subnet-id <private-subnet-in-az> --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html", "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html"],
    requires: ["ListFunctions", "DescribeNatGateways", "DescribeSubnets"],
    messages: {
      crossAz:
        "NAT gateway {{nat}} is in {{natAz}}, but traffic from {{az}} goes through it ({{affected}}): if {{natAz}} fails, {{az}} loses its internet path, and each byte pays cross-AZ data transfer.",
    },
  },
  *check(context, region) {
    const crossing: PathResult[] = [];
    const azOfNat = oncePerKey((natId: string) => natAz(region, natId));
    for (const r of pathsWithVerdict(context.model, region, "reachable-via-nat")) {
      if (r.via === undefined || r.availabilityZone === undefined) continue;
      const az = azOfNat(r.via.id);
      if (az !== undefined && az !== r.availabilityZone) crossing.push(r);
    }
    for (const items of groupBy(crossing, (r) => `${r.via!.id}\n${r.availabilityZone}`).values()) {
      const first = items[0]!;
      const az = first.availabilityZone!;
      const natAzOfFirst = azOfNat(first.via!.id)!;
      const publicSubnet = publicSubnetIn(region, first.vpcId, az);
      const subnets = sortedUnique(items.map((r) => r.subnetId));
      yield {
        messageId: "crossAz",
        resource: ec2Ref(region, "nat-gateway", first.via!.id),
        key: az,
        data: { nat: first.via!.id, natAz: natAzOfFirst, az, affected: affectedPaths(items) },
        fix: [
          ...(publicSubnet === undefined ? [setVariable("PUBLIC_SUBNET", "", `a public subnet of ${first.vpcId} in ${az} (its 0.0.0.0/0 route goes to an attached internet gateway)`)] : []),
          ...createPublicNat(region, publicSubnet ?? variable("PUBLIC_SUBNET")),
          ec2Capture("ROUTE_TABLE", "RouteTable.RouteTableId", region, "create-route-table", ["--vpc-id", first.vpcId]),
          ec2(region, "create-route", ["--route-table-id", variable("ROUTE_TABLE"), "--destination-cidr-block", "0.0.0.0/0", "--nat-gateway-id", variable("NAT")]),
          ...subnets.map((s) => {
            const association = region.routeTableFor(s)?.Associations?.find((a) => a.SubnetId === s && !a.Main);
            return association?.RouteTableAssociationId
              ? ec2(region, "replace-route-table-association", ["--association-id", association.RouteTableAssociationId, "--route-table-id", variable("ROUTE_TABLE")])
              : ec2(region, "associate-route-table", ["--route-table-id", variable("ROUTE_TABLE"), "--subnet-id", s]);
          }),
        ],
      };
    }
  },
});
