import type { PathResult } from "../model/types.js";
import type { RegionIndex } from "../model/model.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import { affectedPaths, groupBy, ownedHops, pathsWithVerdict, severityOf, subnetsOnePerAz, type OwnedHop } from "./support/hops.js";
import { isInterfaceEndpoint } from "./support/endpoints.js";
import { oncePerKey } from "./support/once.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "noEniInAz" | "noSubnets";

interface Gap {
  readonly endpointId: string;
  readonly az: string;
  readonly result: PathResult;
  /** The failing hop of an endpoint with no subnet at all. */
  readonly owned?: OwnedHop;
}

function endpointAzs(region: RegionIndex, endpointId: string): string[] {
  const subnets = region.vpcEndpoints.get(endpointId)?.SubnetIds ?? [];
  return sortedUnique(subnets.flatMap((id) => region.subnets.get(id)?.AvailabilityZone ?? []));
}

/** Functions reaching an endpoint that has no network interface in their AZ, and endpoints with no subnet at all. */
function gaps(region: RegionIndex, viaEndpoint: readonly PathResult[], owned: readonly OwnedHop[], azsOf: (endpointId: string) => string[]): Gap[] {
  const found: Gap[] = [];
  for (const r of viaEndpoint) {
    if (r.via === undefined || r.availabilityZone === undefined) continue;
    // A gateway endpoint (S3, DynamoDB) is a route target in no AZ: nothing to place in the function's AZ.
    const endpoint = region.vpcEndpoints.get(r.via.id);
    if (endpoint === undefined || !isInterfaceEndpoint(endpoint)) continue;
    // No AZ known for any of its subnets (not in the data): which AZs it covers can't be told, rather than "only in no AZ".
    const azs = azsOf(r.via.id);
    if (azs.length === 0 || azs.includes(r.availabilityZone)) continue;
    found.push({ endpointId: r.via.id, az: r.availabilityZone, result: r });
  }
  for (const o of owned) {
    if (o.hop.code !== "VPCE_SERVICE_NOT_INSTALLED_IN_AZ" || o.hop.status !== "fail") continue;
    const endpointId = o.hop.component.type === "vpc-endpoint" ? o.hop.component.id : (o.attempt?.via?.id ?? o.hop.component.id);
    found.push({ endpointId, az: "no-subnets", result: o.result, owned: o });
  }
  return found;
}

export default defineRule<MessageId>({
  meta: {
    id: "endpoint-az-gap",
    title: "Interface endpoint has no network interface in a function's Availability Zone",
    severity: "warning",
    category: "resilience",
    securitySeverity: 3.0,
    rationale:
      "An interface endpoint has one network interface per chosen subnet, at most one per Availability Zone. A function in an " +
      "AZ without one still reaches the endpoint through another AZ, but pays cross-AZ data transfer and loses the service " +
      "whenever that other AZ is impaired. An endpoint with no subnet at all has no network interface, and every call " +
      "to it fails (error).",
    remediation: {
      text: "Add a subnet in the function's AZ to the endpoint (or move the function to AZs the endpoint service covers).",
      cli: ["aws ec2 modify-vpc-endpoint --vpc-endpoint-id <endpoint-id> --add-subnet-ids <subnet-in-that-az> --region <region>"],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html", "https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html"],
    requires: ["ListFunctions", "DescribeVpcEndpoints", "DescribeSubnets"],
    messages: {
      noEniInAz:
        "Interface endpoint {{endpoint}} has network interfaces only in {{endpointAzs}}, not in {{az}}: {{affected}} cross AZs to reach it and depend on another AZ being up.",
      noSubnets:
        "Interface endpoint {{endpoint}} has no subnets, so it has no network interface in any AZ and {{affected}} can't connect to it.",
    },
    headlines: {
      noEniInAz: "no network interface in {{az}}",
      noSubnets: "has no subnets, so no network interface",
    },
  },
  *check({ model, settings }, region) {
    const azsOf = oncePerKey((endpointId: string) => endpointAzs(region, endpointId));
    const found = gaps(region, pathsWithVerdict(model, region, "reachable-via-endpoint"), ownedHops(model, region, "endpoint-az-gap"), azsOf);
    for (const items of groupBy(found, (g) => `${g.endpointId}\n${g.az}`).values()) {
      const first = items[0]!;
      const subnets = subnetsOnePerAz(items.map((g) => g.result));
      const owned = items.flatMap((g) => (g.owned === undefined ? [] : [g.owned]));
      const endpoint = region.vpcEndpoints.get(first.endpointId);
      // Only an interface endpoint has subnets (one per AZ): a gateway endpoint takes route tables instead.
      const fix = endpoint !== undefined && isInterfaceEndpoint(endpoint) ? [ec2(region, "modify-vpc-endpoint", ["--vpc-endpoint-id", first.endpointId, "--add-subnet-ids", ...subnets])] : [];
      yield {
        messageId: owned.length > 0 ? "noSubnets" : "noEniInAz",
        resource: ec2Ref(region, "vpc-endpoint", first.endpointId),
        key: first.az,
        data: { endpoint: first.endpointId, az: first.az, endpointAzs: listing(azsOf(first.endpointId)) || "no AZ", affected: affectedPaths(items.map((g) => g.result)) },
        ...(owned.length > 0 ? { severity: severityOf("error", region, owned, settings), evidence: owned.map((o) => o.hop) } : {}),
        affected: items.map((g) => g.result),
        fix,
      };
    }
  },
});
