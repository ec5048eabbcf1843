import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { Hop } from "../types.js";
import { evaluateEndpointPolicy, policyRequest } from "../endpoint-policy.js";
import { hop } from "../hops.js";
import { memoised } from "../memo.js";
import type { PathContext } from "./context.js";

/** The endpoint policy check for the service's required action, made by the function's role (texts name no role, so results can be shared). */
export function endpointPolicyHop(ctx: PathContext, endpoint: VpcEndpoint): Hop {
  return memoised(ctx.index, ["policy-hop", endpoint, ctx.service.requiredAction, ctx.account, ctx.roleArn ?? 0], () => endpointPolicyHopOnce(ctx, endpoint));
}

function endpointPolicyHopOnce(ctx: PathContext, endpoint: VpcEndpoint): Hop {
  const id = endpoint.VpcEndpointId ?? "(endpoint)";
  const action = ctx.service.requiredAction;
  const decision = evaluateEndpointPolicy(endpoint.PolicyDocument, policyRequest(endpoint, action, ctx.account, ctx.roleArn));
  const component = { type: "endpoint-policy" as const, id };
  const setting = `${id} policy: allow ${action} for the function's execution role`;
  if (decision.result === "allow") return hop(component, "pass", "ENDPOINT_POLICY_ALLOWS", `${id} policy allows ${action}: ${decision.reason}.`);
  if (decision.result === "deny") return hop(component, "fail", "ENDPOINT_POLICY_DENIES", `${id} policy denies ${action}: ${decision.reason}.`, { setting });
  return hop(component, "unknown", "ENDPOINT_POLICY_UNCERTAIN", `${id} policy may not allow ${action}: ${decision.reason}.`, { setting });
}
