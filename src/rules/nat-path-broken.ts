import type { RegionIndex } from "../model/model.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { createPublicNat, ec2, ec2Capture } from "./support/commands.js";
import { setVariable, variable, type FixLine } from "./fix.js";
import { affectedPaths, groupBy, ownedHops, severityFor, type OwnedHop } from "./support/hops.js";
import { attachedInternetGateway, publicSubnetIn } from "./support/resources.js";
import { sortedUnique } from "./support/text.js";

type MessageId = "natPathBroken";

function natIdOf(owned: OwnedHop): string {
  if (owned.hop.component.type === "nat-gateway") return owned.hop.component.id;
  return owned.attempt?.via?.id ?? owned.hop.component.id;
}

/** A replacement public NAT gateway: an Elastic IP, the gateway in a public subnet, and the routes moved to it. */
function replacementNat(region: RegionIndex, items: readonly OwnedHop[], natId: string): FixLine[] {
  const nat = region.natGateways.get(natId);
  const vpcId = nat?.VpcId ?? items[0]!.result.vpcId;
  const az = nat?.SubnetId ? region.subnets.get(nat.SubnetId)?.AvailabilityZone : items[0]!.result.availabilityZone;
  const subnet = publicSubnetIn(region, vpcId, az);
  const tables = sortedUnique(items.flatMap((o) => region.routeTableFor(o.result.subnetId)?.RouteTableId ?? []));
  return [
    ...(subnet === undefined ? [setVariable("PUBLIC_SUBNET", "", `a public subnet of ${vpcId}${az === undefined ? "" : ` in ${az}`} (its 0.0.0.0/0 route goes to an attached internet gateway)`)] : []),
    ...createPublicNat(region, subnet ?? variable("PUBLIC_SUBNET")),
    ...tables.map((t) => ec2(region, "replace-route", ["--route-table-id", t, "--destination-cidr-block", "0.0.0.0/0", "--nat-gateway-id", variable("NAT")])),
  ];
}

function fixFor(region: RegionIndex, items: readonly OwnedHop[], natId: string): FixLine[] {
  const first = items[0]!;
  const vpcId = region.natGateways.get(natId)?.VpcId ?? first.result.vpcId;
  switch (first.hop.code) {
    case "NAT_NOT_IN_PUBLIC_SUBNET": {
      const natSubnet = region.natGateways.get(natId)?.SubnetId;
      const table = natSubnet ? region.routeTableFor(natSubnet)?.RouteTableId : undefined;
      const igw = attachedInternetGateway(region, vpcId);
      return [
        ...(table === undefined ? [setVariable("NAT_ROUTE_TABLE", "", `the route table of ${natId}'s subnet ${natSubnet ?? ""}`)] : []),
        ...(igw
          ? []
          : [
              ec2Capture("IGW", "InternetGateway.InternetGatewayId", region, "create-internet-gateway", []),
              ec2(region, "attach-internet-gateway", ["--internet-gateway-id", variable("IGW"), "--vpc-id", vpcId]),
            ]),
        ec2(region, "create-route", ["--route-table-id", table ?? variable("NAT_ROUTE_TABLE"), "--destination-cidr-block", "0.0.0.0/0", "--gateway-id", igw ?? variable("IGW")]),
      ];
    }
    case "IGW_NOT_ATTACHED":
      return first.hop.component.type === "internet-gateway"
        ? [ec2(region, "attach-internet-gateway", ["--internet-gateway-id", first.hop.component.id, "--vpc-id", vpcId])]
        : [
            ec2Capture("IGW", "InternetGateway.InternetGatewayId", region, "create-internet-gateway", []),
            ec2(region, "attach-internet-gateway", ["--internet-gateway-id", variable("IGW"), "--vpc-id", vpcId]),
          ];
    default:
      return replacementNat(region, items, natId);
  }
}

export default defineRule<MessageId>({
  meta: {
    id: "nat-path-broken",
    title: "Route to a NAT gateway that can't reach the internet",
    severity: "error",
    category: "routing",
    securitySeverity: 6.5,
    rationale:
      "A NAT gateway gives private subnets internet access only when it is available, public (a private NAT gateway " +
      "can't reach the internet; the internet gateway drops its traffic), holds an Elastic IP, and sits in a public subnet " +
      "whose route table sends 0.0.0.0/0 to an internet gateway attached to the same VPC. A route to a NAT gateway that " +
      "misses any of these looks like a working setup yet drops every call to AWS service endpoints.",
    remediation: {
      text:
        "Put a public NAT gateway with an Elastic IP in a public subnet (route 0.0.0.0/0 to an attached internet gateway) and " +
        "point the private subnets' default route at it; or give the NAT's subnet the missing route to the internet gateway.",
      cli: [
        "aws ec2 allocate-address --domain vpc --region <region>",
        "aws ec2 create-nat-gateway --subnet-id <public-subnet-id> --connectivity-type public --allocation-id <allocation-id> --region <region>",
        "aws ec2 replace-route --route-table-id <private-route-table-id> --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <nat-gateway-id> --region <region>",
        "aws ec2 create-route --route-table-id <nat-subnet-route-table-id> --destination-cidr-block 0.0.0.0/0 --gateway-id <igw-id> --region <region>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
      "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html",
    ],
    requires: ["ListFunctions", "DescribeNatGateways", "DescribeRouteTables", "DescribeInternetGateways", "DescribeSubnets"],
    messages: {
      natPathBroken:
        "NAT gateway {{nat}} doesn't reach the internet: {{detail}} Affected: {{affected}}.",
    },
  },
  *check({ model, settings }, region) {
    const owned = ownedHops(model, region, "nat-path-broken");
    for (const items of groupBy(owned, (o) => `${natIdOf(o)}\n${o.hop.code}\n${o.hop.component.id}`).values()) {
      const first = items[0]!;
      const natId = natIdOf(first);
      yield {
        messageId: "natPathBroken",
        resource: ec2Ref(region, natId.startsWith("igw-") ? "internet-gateway" : "nat-gateway", natId),
        key: `${first.hop.code}:${first.hop.component.id}`,
        severity: severityFor("error", region, items.map((o) => o.result), settings),
        data: { nat: natId, detail: first.hop.detail, affected: affectedPaths(items.map((o) => o.result)) },
        evidence: [first.hop],
        fix: fixFor(region, items, natId),
      };
    }
  },
});
