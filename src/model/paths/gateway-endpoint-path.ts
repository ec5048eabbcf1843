import type { Route } from "@aws-sdk/client-ec2";
import type { Hop } from "../types.js";
import { hop, missingHop } from "../hops.js";
import { isAvailable } from "../lookups.js";
import { securityGroupHop } from "../security-groups.js";
import { servicePeer, type PathContext } from "./context.js";
import { endpointPolicyHop } from "./policy-hop.js";
import { functionPublicAclHops } from "./subnet-links.js";

/** The hops of a gateway endpoint (S3/DynamoDB) chosen by a prefix-list route. */
export function gatewayEndpointHops(ctx: PathContext, endpointId: string, route: Route): Hop[] {
  const { index } = ctx;
  const endpoint = index.vpcEndpoints.get(endpointId);
  const component = { type: "vpc-endpoint" as const, id: endpointId };
  const hops: Hop[] = [];
  if (endpoint === undefined) {
    hops.push(missingHop(index, "DescribeVpcEndpoints", component, `the gateway endpoint ${endpointId}`));
  } else if (isAvailable(endpoint.State)) {
    hops.push(hop(component, "pass", "COMPONENT_AVAILABLE", `gateway endpoint ${endpointId} (${endpoint.ServiceName ?? ctx.service.id}) is available.`));
    hops.push(endpointPolicyHop(ctx, endpoint));
  } else {
    hops.push(hop(component, "fail", "ENDPOINT_STATE", `gateway endpoint ${endpointId} is ${endpoint.State ?? "in an unknown state"}, not available.`, { setting: `re-create the gateway endpoint for ${ctx.service.id}` }));
    hops.push(endpointPolicyHop(ctx, endpoint));
  }
  hops.push(securityGroupHop(index, ctx.groupIds, "egress", 443, servicePeer(ctx, route.DestinationPrefixListId), "the function"));
  hops.push(...functionPublicAclHops(index, ctx.subnetId, ctx.service.id));
  return hops;
}
