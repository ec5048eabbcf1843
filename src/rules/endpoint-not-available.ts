import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../model/model.js";
import type { FixLine } from "./fix.js";
import { endpointGroups, isGatewayEndpoint } from "./support/endpoints.js";
import { affectedPaths, groupBy, ownedHops, severityFor, type OwnedHop } from "./support/hops.js";

type MessageId = "notAvailable";

function endpointIdOf(owned: OwnedHop): string {
  return owned.hop.component.type === "vpc-endpoint" ? owned.hop.component.id : (owned.attempt?.via?.id ?? owned.hop.component.id);
}

/**
 * Read the endpoint's LastError, delete it and create it again alike: a gateway endpoint (S3, DynamoDB) on the same
 * route tables, an interface endpoint in the same subnets with the same security groups and private DNS.
 */
function recreate(region: RegionIndex, id: string, endpoint: VpcEndpoint): FixLine[] {
  const again: FixLine = isGatewayEndpoint(endpoint)
    ? ec2(region, "create-vpc-endpoint", [
        "--vpc-id",
        endpoint.VpcId ?? "",
        "--vpc-endpoint-type",
        "Gateway",
        "--service-name",
        endpoint.ServiceName ?? "",
        ...((endpoint.RouteTableIds ?? []).length > 0 ? ["--route-table-ids", ...(endpoint.RouteTableIds ?? [])] : []),
      ])
    : ec2(region, "create-vpc-endpoint", [
        "--vpc-id",
        endpoint.VpcId ?? "",
        "--vpc-endpoint-type",
        "Interface",
        "--service-name",
        endpoint.ServiceName ?? "",
        "--subnet-ids",
        ...(endpoint.SubnetIds ?? []),
        ...(endpointGroups(region, endpoint).ids.length > 0 ? ["--security-group-ids", ...endpointGroups(region, endpoint).ids] : []),
        "--private-dns-enabled",
      ]);
  return [
    ec2(region, "describe-vpc-endpoints", ["--vpc-endpoint-ids", id, "--query", "VpcEndpoints[0].LastError"]),
    ec2(region, "delete-vpc-endpoints", ["--vpc-endpoint-ids", id]),
    again,
  ];
}

export default defineRule<MessageId>({
  meta: {
    id: "endpoint-not-available",
    title: "VPC endpoint on the path is not available",
    severity: "error",
    category: "reachability",
    securitySeverity: 6.0,
    rationale:
      "An interface endpoint carries traffic only in state available. Pending, pendingAcceptance, rejected, failed or " +
      "deleting endpoints have private DNS names that still attract the calls, or no working network interfaces, so the " +
      "functions that rely on them time out. A gateway endpoint (S3, DynamoDB) that is not available leaves its route " +
      "pointing nowhere. States are compared case-insensitively (the API sends 'available') and printed as AWS sent them.",
    remediation: {
      text:
        "Look at the endpoint's LastError, then delete it and create it again with the same service: an interface endpoint with " +
        "the same subnets and security groups, a gateway endpoint with the same route tables.",
      cli: [
        "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids <endpoint-id> --query VpcEndpoints[0].LastError --region <region>",
        "aws ec2 delete-vpc-endpoints --vpc-endpoint-ids <endpoint-id> --region <region>",
        "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name <service-name> --subnet-ids <subnet-ids> --security-group-ids <sg-ids> --private-dns-enabled --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html"],
    requires: ["ListFunctions", "DescribeVpcEndpoints"],
    messages: {
      notAvailable: "{{kind}} endpoint {{endpoint}} ({{service}}) is in state {{state}}, not available, so {{affected}} can't use it: {{detail}}",
    },
  },
  *check({ model, settings }, region) {
    const owned = ownedHops(model, region, "endpoint-not-available");
    for (const items of groupBy(owned, endpointIdOf).values()) {
      const first = items[0]!;
      const id = endpointIdOf(first);
      const endpoint = region.vpcEndpoints.get(id);
      yield {
        messageId: "notAvailable",
        resource: ec2Ref(region, "vpc-endpoint", id),
        key: "state",
        severity: severityFor("error", region, items.map((o) => o.result), settings),
        data: {
          kind: endpoint !== undefined && isGatewayEndpoint(endpoint) ? "Gateway" : "Interface",
          endpoint: id,
          service: endpoint?.ServiceName ?? "unknown service",
          state: endpoint?.State ?? "unknown",
          affected: affectedPaths(items.map((o) => o.result)),
          detail: first.hop.detail,
        },
        evidence: [first.hop],
        fix: endpoint ? recreate(region, id, endpoint) : [],
      };
    }
  },
});
