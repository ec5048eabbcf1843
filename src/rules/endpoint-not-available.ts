import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../model/model.js";
import { ec2, privateDnsPrerequisites } from "./support/commands.js";
import { comment, type FixLine } from "./fix.js";
import { endpointGroups, endpointState, isInterfaceEndpoint } from "./support/endpoints.js";
import { affectedPaths, anyCertain, groupBy, ownedHops, severityOf, type OwnedHop } from "./support/hops.js";

type MessageId = "notAvailable" | "mayNotBeAvailable";

/** States an endpoint leaves by itself, or by its service owner's decision: nothing to run, only to wait for or ask. */
const TRANSIENT: Readonly<Record<string, string>> = {
  pending: "AWS is still creating it: wait until describe-vpc-endpoints shows it available",
  pendingacceptance: "the endpoint service's owner must accept the connection",
};

/**
 * A failed, rejected or expired endpoint is replaced: deleted, then created again with the same service, subnets and
 * security groups, and private DNS on (AWS's default for a service's interface endpoint, and what makes SDK calls to
 * the default hostname use it), with the VPC attributes private DNS needs.
 */
function fixFor(region: RegionIndex, id: string, endpoint: VpcEndpoint | undefined): FixLine[] {
  if (endpoint === undefined) return [];
  const state = endpointState(endpoint);
  const wait = TRANSIENT[state];
  if (wait !== undefined) return [comment(`${id} is ${state}: ${wait}`)];
  const groups = endpointGroups(region, endpoint).ids.filter((g) => region.securityGroups.has(g));
  const vpcId = endpoint.VpcId ?? "";
  const interfaceType = isInterfaceEndpoint(endpoint);
  const privateDns = interfaceType;
  const gone = state === "deleted" || state === "deleting";
  return [
    ...(gone ? [] : [ec2(region, "delete-vpc-endpoints", ["--vpc-endpoint-ids", id])]),
    ...(privateDns ? privateDnsPrerequisites(region, vpcId) : []),
    ec2(region, "create-vpc-endpoint", [
      "--vpc-id",
      vpcId,
      "--vpc-endpoint-type",
      interfaceType ? "Interface" : "Gateway",
      "--service-name",
      endpoint.ServiceName ?? "",
      ...(interfaceType
        ? [...((endpoint.SubnetIds ?? []).length > 0 ? ["--subnet-ids", ...(endpoint.SubnetIds ?? [])] : []), ...(groups.length > 0 ? ["--security-group-ids", ...groups] : [])]
        : (endpoint.RouteTableIds ?? []).length > 0
          ? ["--route-table-ids", ...(endpoint.RouteTableIds ?? [])]
          : []),
      ...(privateDns ? ["--private-dns-enabled"] : []),
    ]),
  ];
}

function endpointIdOf(owned: OwnedHop): string {
  return owned.hop.component.type === "vpc-endpoint" ? owned.hop.component.id : (owned.attempt?.via?.id ?? owned.hop.component.id);
}

export default defineRule<MessageId>({
  meta: {
    id: "endpoint-not-available",
    title: "Interface endpoint on the path is not available",
    severity: "error",
    category: "reachability",
    securitySeverity: 6.0,
    rationale:
      "An interface endpoint carries traffic only in state available. Pending, pendingAcceptance, rejected, failed or " +
      "deleting endpoints have private DNS names that still attract the calls, or no working network interfaces, so the " +
      "functions that rely on them time out. States are compared case-insensitively (the API sends 'available').",
    remediation: {
      text:
        "A pending endpoint becomes available by itself; a pendingAcceptance one needs its service owner. A failed, " +
        "rejected or expired one is replaced: look at its LastError (describe-vpc-endpoints), delete it and create it " +
        "again with the same service, subnets and security groups, and private DNS on.",
      cli: [
        "aws ec2 delete-vpc-endpoints --vpc-endpoint-ids <endpoint-id> --region <region>",
        "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name <service-name> --subnet-ids <subnet-ids> --security-group-ids <sg-ids> --private-dns-enabled --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html"],
    requires: ["ListFunctions", "DescribeVpcEndpoints"],
    messages: {
      notAvailable: "Interface endpoint {{endpoint}} ({{service}}) is in state {{state}}, not available, so {{affected}} can't use it: {{detail}}",
      mayNotBeAvailable:
        "Interface endpoint {{endpoint}} ({{service}}) is in state {{state}}, not available; {{affected}} may depend on it (whether their traffic goes this way is unverifiable): {{detail}}",
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
        data: { endpoint: id, service: endpoint?.ServiceName ?? "unknown service", state: endpoint ? endpointState(endpoint) : "unknown", affected: affectedPaths(items.map((o) => o.result)), detail: first.hop.detail },
        evidence: [first.hop],
        fix: fixFor(region, id, endpoint),
      };
    }
  },
});
