import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../model/model.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2, privateDnsPrerequisites } from "./support/commands.js";
import { comment, type FixLine } from "./fix.js";
import { endpointGroups, endpointState, isGatewayEndpoint } from "./support/endpoints.js";
import { affectedPaths, anyCertain, groupBy, ownedHops, severityOf, type OwnedHop } from "./support/hops.js";

type MessageId = "notAvailable" | "mayNotBeAvailable";

function endpointIdOf(owned: OwnedHop): string {
  return owned.hop.component.type === "vpc-endpoint" ? owned.hop.component.id : (owned.attempt?.via?.id ?? owned.hop.component.id);
}

/** States an endpoint leaves by itself, or by its service owner's decision: nothing to run, only to wait for or ask. */
const TRANSIENT: Readonly<Record<string, string>> = {
  pending: "AWS is still creating it: wait until describe-vpc-endpoints shows it available",
  pendingacceptance: "the endpoint service's owner must accept the connection",
};

/**
 * A failed, rejected or expired endpoint is replaced: deleted, then created again alike. A gateway endpoint (S3,
 * DynamoDB) on the same route tables; an interface endpoint in the same subnets with the same security groups, and
 * private DNS on (AWS's default for a service's interface endpoint, and what makes SDK calls to the default hostname
 * use it), with the VPC attributes private DNS needs.
 */
function fixFor(region: RegionIndex, id: string, endpoint: VpcEndpoint | undefined): FixLine[] {
  if (endpoint === undefined) return [];
  const state = endpointState(endpoint);
  const wait = TRANSIENT[state];
  if (wait !== undefined) return [comment(`${id} is ${endpoint.State ?? state}: ${wait}`)];
  const vpcId = endpoint.VpcId ?? "";
  const gone = state === "deleted" || state === "deleting";
  const remove = gone ? [] : [ec2(region, "delete-vpc-endpoints", ["--vpc-endpoint-ids", id])];
  if (isGatewayEndpoint(endpoint)) {
    const tables = endpoint.RouteTableIds ?? [];
    return [
      ...remove,
      ec2(region, "create-vpc-endpoint", ["--vpc-id", vpcId, "--vpc-endpoint-type", "Gateway", "--service-name", endpoint.ServiceName ?? "", ...(tables.length > 0 ? ["--route-table-ids", ...tables] : [])]),
    ];
  }
  const groups = endpointGroups(region, endpoint).ids.filter((g) => region.securityGroups.has(g));
  const subnets = endpoint.SubnetIds ?? [];
  return [
    ...remove,
    ...privateDnsPrerequisites(region, vpcId),
    ec2(region, "create-vpc-endpoint", [
      "--vpc-id",
      vpcId,
      "--vpc-endpoint-type",
      "Interface",
      "--service-name",
      endpoint.ServiceName ?? "",
      ...(subnets.length > 0 ? ["--subnet-ids", ...subnets] : []),
      ...(groups.length > 0 ? ["--security-group-ids", ...groups] : []),
      "--private-dns-enabled",
    ]),
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
        "A pending endpoint becomes available by itself; a pendingAcceptance one needs its service owner. A failed, " +
        "rejected or expired one is replaced: look at its LastError (describe-vpc-endpoints), delete it and create it " +
        "again with the same service: an interface endpoint with the same subnets and security groups and private DNS " +
        "on, a gateway endpoint with the same route tables.",
      cli: [
        "aws ec2 delete-vpc-endpoints --vpc-endpoint-ids <endpoint-id> --region <region>",
        "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name <service-name> --subnet-ids <subnet-ids> --security-group-ids <sg-ids> --private-dns-enabled --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html"],
    requires: ["ListFunctions", "DescribeVpcEndpoints"],
    messages: {
      notAvailable: "{{kind}} endpoint {{endpoint}} ({{service}}) is in state {{state}}, not available, so {{affected}} can't use it: {{detail}}",
      mayNotBeAvailable:
        "{{kind}} endpoint {{endpoint}} ({{service}}) is in state {{state}}, not available; {{affected}} may depend on it (whether their traffic goes this way is unverifiable): {{detail}}",
    },
    headlines: {
      notAvailable: "is {{state}}, not available",
      mayNotBeAvailable: "is {{state}}, not available; whether it is used is unverifiable",
    },
  },
  *check({ model, settings }, region) {
    const owned = ownedHops(model, region, "endpoint-not-available");
    for (const items of groupBy(owned, endpointIdOf).values()) {
      const first = items[0]!;
      const id = endpointIdOf(first);
      const endpoint = region.vpcEndpoints.get(id);
      yield {
        messageId: anyCertain(items) ? "notAvailable" : "mayNotBeAvailable",
        resource: ec2Ref(region, "vpc-endpoint", id),
        key: "state",
        severity: severityOf("error", region, items, settings),
        data: {
          kind: endpoint !== undefined && isGatewayEndpoint(endpoint) ? "Gateway" : "Interface",
          endpoint: id,
          service: endpoint?.ServiceName ?? "unknown service",
          state: endpoint?.State ?? "unknown",
          affected: affectedPaths(items.map((o) => o.result)),
          detail: first.hop.detail,
        },
        evidence: [first.hop],
        affected: items.map((o) => o.result),
        fix: fixFor(region, id, endpoint),
      };
    }
  },
});
