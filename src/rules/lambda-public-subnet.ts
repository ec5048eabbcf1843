import { defineRule } from "./types.js";
import { functionGroups } from "./support/commands.js";
import { awsRun, join, setVariable, structure, variable, type Fix } from "./fix.js";
import { functionOf, groupBy, ownedHops, severityOf } from "./support/hops.js";
import { listing, sortedUnique } from "./support/text.js";
import type { RegionIndex } from "../model/model.js";

/** Subnets of the VPC whose default route goes to a NAT gateway, one per AZ: kms-audit's guess for where the function belongs. */
function natSubnets(region: RegionIndex, vpcId: string): string[] {
  const byAz = new Map<string, string>();
  const candidates = [...region.subnets.values()].filter((s) => s.VpcId === vpcId && s.SubnetId !== undefined).sort((a, b) => (a.SubnetId! < b.SubnetId! ? -1 : 1));
  for (const subnet of candidates) {
    const viaNat = (region.routeTableFor(subnet.SubnetId!)?.Routes ?? []).some((r) => r.DestinationCidrBlock === "0.0.0.0/0" && r.NatGatewayId !== undefined && String(r.State).toLowerCase() !== "blackhole");
    if (viaNat && !byAz.has(subnet.AvailabilityZone ?? "")) byAz.set(subnet.AvailabilityZone ?? "", subnet.SubnetId!);
  }
  return [...byAz.values()].sort();
}

/**
 * update-function-configuration onto the function's other (non-public) subnets; when it has none, onto subnets the
 * user confirms, set on a commented line first (kms-audit's guess: the VPC's subnets that route to a NAT gateway).
 */
function moveToSubnets(region: RegionIndex, functionName: string, vpcId: string, keep: readonly string[], groups: readonly string[]): Fix {
  const groupPart = groups.length > 0 ? `,SecurityGroupIds=${groups.join(",")}` : "";
  if (keep.length > 0) {
    const config = structure(`SubnetIds=${keep.join(",")}${groupPart}`, { SubnetIds: keep, ...(groups.length > 0 ? { SecurityGroupIds: groups } : {}) }, [...keep, ...groups]);
    return [awsRun(region.region, "lambda", "update-function-configuration", ["--function-name", functionName, "--vpc-config", config])];
  }
  return [
    setVariable("SUBNETS", natSubnets(region, vpcId).join(","), `private subnets of ${vpcId} (comma-separated, one per AZ) whose 0.0.0.0/0 route goes to a NAT gateway, or that reach an interface endpoint`),
    awsRun(region.region, "lambda", "update-function-configuration", ["--function-name", functionName, "--vpc-config", join("SubnetIds=", variable("SUBNETS"), groupPart)]),
  ];
}

type MessageId = "publicSubnet";

export default defineRule<MessageId>({
  meta: {
    id: "lambda-public-subnet",
    title: "Lambda function relies on a public subnet for internet access",
    severity: "error",
    category: "routing",
    securitySeverity: 6.0,
    rationale:
      "Connecting a function to a public subnet (default route to an internet gateway) doesn't give it internet access: " +
      "Lambda's network interfaces never get a public IP, so the internet gateway drops their traffic " +
      "(Reachability Analyzer: IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS). A function there reaches AWS services only through a " +
      "VPC endpoint. Put the function in private subnets that route 0.0.0.0/0 to a NAT gateway, or give the VPC endpoints.",
    remediation: {
      text: "Attach the function to private subnets whose default route goes to a public NAT gateway (or add VPC endpoints for the services it calls).",
      cli: ["aws lambda update-function-configuration --function-name <function> --vpc-config SubnetIds=<private-subnet-ids>,SecurityGroupIds=<sg-ids> --region <region>"],
    },
    references: [
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html",
      "https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html",
    ],
    requires: ["ListFunctions", "DescribeSubnets", "DescribeRouteTables", "DescribeInternetGateways"],
    messages: {
      publicSubnet:
        "Lambda function {{function}} is attached to public subnet {{subnet}}, which routes to internet gateway {{igw}}: Lambda network interfaces never get a public IP, so it has no internet there and can't reach {{services}}. {{detail}}",
    },
    headlines: {
      publicSubnet: "attached to public subnet {{subnet}}: no internet there",
    },
  },
  *check({ model, settings }, region) {
    const owned = ownedHops(model, region, "lambda-public-subnet");
    const ownedByFunctionName = groupBy(owned, (o) => o.result.functionName);
    for (const items of groupBy(owned, (o) => `${o.result.function.arn ?? o.result.functionName}\n${o.result.subnetId}`).values()) {
      const first = items[0]!;
      const fn = functionOf(region, first.result);
      const publicSubnets = new Set(ownedByFunctionName.get(first.result.functionName)?.map((o) => o.result.subnetId));
      const keep = sortedUnique([...(fn?.VpcConfig?.SubnetIds ?? [])].filter((s) => !publicSubnets.has(s)));
      yield {
        messageId: "publicSubnet",
        resource: first.result.function,
        key: first.result.subnetId,
        severity: severityOf("error", region, items, settings),
        data: {
          function: first.result.functionName,
          subnet: first.result.subnetId,
          igw: first.hop.component.type === "internet-gateway" ? first.hop.component.id : (first.attempt?.via?.id ?? "an internet gateway"),
          services: listing(sortedUnique(items.map((o) => o.result.service))),
          detail: first.hop.detail,
        },
        evidence: items.map((o) => o.hop),
        affected: items.map((o) => o.result),
        fix: moveToSubnets(region, first.result.functionName, first.result.vpcId, keep, functionGroups(fn)),
      };
    }
  },
});
