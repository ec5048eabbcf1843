import type { RegionIndex } from "../model/model.js";
import { evaluateEndpointPolicy, serviceSpec } from "../model/index.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import { comment, type FixLine } from "./fix.js";
import { affectedPaths, anyCertain, functionOf, groupBy, ownedHops, severityOf, type OwnedHop } from "./support/hops.js";
import { sortedUnique } from "./support/text.js";

type MessageId = "policyDenies" | "policyMayDeny";

function endpointIdOf(owned: OwnedHop): string {
  if (owned.hop.component.type === "vpc-endpoint") return owned.hop.component.id;
  return owned.attempt?.via?.id ?? owned.hop.component.id;
}

type Json = Record<string, unknown>;

/**
 * The endpoint's policy with one more statement allowing the action for the affected functions' roles, passed inline
 * (JSON, shell-quoted): it runs as printed. Printed only when the new document lets every role through by kms-audit's
 * own evaluation; an explicit Deny that still wins is a control the team set, so it is named instead of overridden.
 */
function fixFor(region: RegionIndex, endpointId: string, items: readonly OwnedHop[]): { fix: FixLine[]; action: string } {
  const endpoint = region.vpcEndpoints.get(endpointId);
  const service = items[0]!.result.service;
  const action = serviceSpec(service).requiredAction;
  const roles = sortedUnique(items.flatMap((o) => functionOf(region, o.result)?.Role ?? []));
  if (endpoint === undefined || roles.length === 0 || !items.some((o) => o.hop.status === "fail")) return { fix: [], action: "" };
  let document: Json;
  try {
    const parsed: unknown = JSON.parse(endpoint.PolicyDocument ?? "");
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    document = parsed as Json;
  } catch {
    return { fix: [comment(`the policy of ${endpointId} is not a JSON object kms-audit can extend: add a statement allowing ${action} for ${roles.join(", ")}`)], action: "" };
  }
  const statements = Array.isArray(document["Statement"]) ? document["Statement"] : document["Statement"] === undefined ? [] : [document["Statement"]];
  const allow = { Sid: "KmsAuditAllowFunctionRoles", Effect: "Allow", Principal: { AWS: roles.length === 1 ? roles[0] : roles }, Action: action, Resource: "*" };
  const next = JSON.stringify({ ...document, Statement: [...statements, allow] });
  const stillDenied = roles.filter((roleArn) => evaluateEndpointPolicy(next, { action, account: region.account, roleArn }).result === "deny");
  if (stillDenied.length > 0) {
    const reason = evaluateEndpointPolicy(endpoint.PolicyDocument, { action, account: region.account, roleArn: stillDenied[0]! }).reason;
    return {
      fix: [comment(`${endpointId}'s policy denies ${action} explicitly (${reason}): review that statement; kms-audit prints no command that overrides a Deny`)],
      action: " An explicit Deny decides it: review that statement; kms-audit prints no command that overrides a Deny.",
    };
  }
  return {
    fix: [ec2(region, "modify-vpc-endpoint", ["--vpc-endpoint-id", endpointId, "--policy-document", next])],
    action: ` The fix keeps the policy and adds a statement allowing ${action} for ${roles.join(", ")}.`,
  };
}

export default defineRule<MessageId>({
  meta: {
    id: "endpoint-policy-denies",
    title: "Endpoint policy denies the call the function needs",
    severity: "error",
    category: "filtering",
    securitySeverity: 5.0,
    rationale:
      "A request through a VPC endpoint needs permission from the endpoint policy as well as from IAM and the key policy. " +
      "An endpoint policy that doesn't allow the action (for KMS, kms:Decrypt) makes the call fail with AccessDenied even " +
      "though the network path works. An endpoint without a policy allows everything.",
    remediation: {
      text:
        "Keep the endpoint policy and add a statement allowing the action for the functions' execution roles (the finding " +
        "prints the whole new document, inline); restrict its Resource to your keys as you see fit. When an explicit Deny " +
        "is what refuses the call, review it: no command overrides a Deny.",
      cli: [
        "aws ec2 modify-vpc-endpoint --vpc-endpoint-id <endpoint-id> --policy-document '<the current policy plus {\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"<role-arn>\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}>' --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html", "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html"],
    requires: ["ListFunctions", "DescribeVpcEndpoints"],
    messages: {
      policyDenies: "The policy of endpoint {{endpoint}} denies what {{affected}} need: {{detail}}{{action}}",
      policyMayDeny: "The policy of endpoint {{endpoint}} denies what {{affected}} need, but whether their calls go through this endpoint is unverifiable: {{detail}}{{action}}",
    },
    headlines: {
      policyDenies: "policy denies {{call}}",
      policyMayDeny: "policy denies {{call}}; whether calls go this way is unverifiable",
    },
  },
  *check({ model, settings }, region) {
    const owned = ownedHops(model, region, "endpoint-policy-denies");
    for (const items of groupBy(owned, (o) => `${endpointIdOf(o)}\n${o.result.service}`).values()) {
      const first = items[0]!;
      const id = endpointIdOf(first);
      const plan = fixFor(region, id, items);
      yield {
        messageId: anyCertain(items) ? "policyDenies" : "policyMayDeny",
        resource: ec2Ref(region, "vpc-endpoint", id),
        key: first.result.service,
        severity: severityOf("error", region, items, settings),
        data: { endpoint: id, call: serviceSpec(first.result.service).requiredAction, affected: affectedPaths(items.map((o) => o.result)), detail: first.hop.detail, action: plan.action },
        evidence: [first.hop],
        affected: items.map((o) => o.result),
        fix: plan.fix,
      };
    }
  },
});
