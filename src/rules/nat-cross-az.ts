import type { PathResult } from "../model/types.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { createPublicNat, natAddress } from "./support/commands.js";
import { setVariable, variable } from "./fix.js";
import { routeSubnetsTo } from "./support/route-fixes.js";
import { affectedPaths, groupBy, matchedDestination, pathsWithVerdict } from "./support/hops.js";
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
      text:
        "Create a public NAT gateway in a public subnet of the function's AZ and send that AZ's default route to it: in " +
        "place when the subnets' route table serves only them, otherwise through a new route table that copies every " +
        "other route of the old one (gateway endpoints and propagation included) and is associated with those subnets only.",
      cli: [
        "aws ec2 allocate-address --domain vpc --region <region>",
        "aws ec2 create-nat-gateway --subnet-id <public-subnet-in-az> --connectivity-type public --allocation-id <allocation-id> --region <region>",
        "aws ec2 create-route-table --vpc-id <vpc-id> --region <region>",
        "aws ec2 create-route --route-table-id <new-route-table-id> --destination-cidr-block <each other route's destination> <its target option> --region <region>",
        "aws ec2 create-route --route-table-id <new-route-table-id> --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <new-nat-gateway-id> --region <region>",
        "aws ec2 replace-route-table-association --association-id <subnet-association-id> --route-table-id <new-route-table-id> --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html", "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html"],
    requires: ["ListFunctions", "DescribeNatGateways", "DescribeSubnets"],
    messages: {
      crossAz:
        "NAT gateway {{nat}} is in {{natAz}}, but traffic from {{az}} goes through it ({{affected}}): if {{natAz}} fails, {{az}} loses its internet path, and each byte pays cross-AZ data transfer.",
    },
    headlines: {
      crossAz: "is in {{natAz}}, but traffic from {{az}} goes through it",
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
        affected: items,
        fix: [
          ...(publicSubnet === undefined ? [setVariable("PUBLIC_SUBNET", "", `a public subnet of ${first.vpcId} in ${az} (its 0.0.0.0/0 route goes to an attached internet gateway)`)] : []),
          ...createPublicNat(region, publicSubnet ?? variable("PUBLIC_SUBNET"), natAddress(context.snapshot, region)),
          ...routeSubnetsTo(region, first.vpcId, subnets, matchedDestination(first) ?? "0.0.0.0/0", { flag: "--nat-gateway-id", value: variable("NAT") }),
        ],
      };
    }
  },
});
