import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { Hop } from "../types.js";
import { hop, missingHop } from "../hops.js";
import { isAvailable } from "../lookups.js";
import type { PathContext } from "./context.js";

/**
 * The hops of a gateway endpoint (S3/DynamoDB) chosen by a prefix-list route that depend on neither the function's
 * security groups nor its role; `policyEndpoint` is the endpoint whose policy hop follows them, when it is in the data.
 */
export function gatewayEndpointHops(ctx: PathContext, endpointId: string): { hops: Hop[]; policyEndpoint?: VpcEndpoint } {
  const { index } = ctx;
  const endpoint = index.vpcEndpoints.get(endpointId);
  const component = { type: "vpc-endpoint" as const, id: endpointId };
  if (endpoint === undefined) return { hops: [missingHop(index, "DescribeVpcEndpoints", component, `the gateway endpoint ${endpointId}`)] };
  if (isAvailable(endpoint.State)) {
    return { hops: [hop(component, "pass", "COMPONENT_AVAILABLE", `gateway endpoint ${endpointId} (${endpoint.ServiceName ?? ctx.service.id}) is available.`)], policyEndpoint: endpoint };
  }
  return {
    hops: [hop(component, "fail", "ENDPOINT_STATE", `gateway endpoint ${endpointId} is ${endpoint.State ?? "in an unknown state"}, not available.`, { setting: `re-create the gateway endpoint for ${ctx.service.id}` })],
    policyEndpoint: endpoint,
  };
}
