import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import { comment } from "./fix.js";
import { affectedPaths, groupBy, ownedHops, severityFor, type OwnedHop } from "./support/hops.js";

type MessageId = "policyDenies";

function endpointIdOf(owned: OwnedHop): string {
  if (owned.hop.component.type === "vpc-endpoint") return owned.hop.component.id;
  return owned.attempt?.via?.id ?? owned.hop.component.id;
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
        "Save the endpoint policy, add a statement allowing the action (restricted to the function's role and keys as you " +
        "see fit), and apply it; or reset the policy to the default full access.",
      cli: [
        "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids <endpoint-id> --query VpcEndpoints[0].PolicyDocument --output text --region <region> > <endpoint-id>-policy.json",
        "aws ec2 modify-vpc-endpoint --vpc-endpoint-id <endpoint-id> --policy-document file://<endpoint-id>-policy.json --region <region>",
        "aws ec2 modify-vpc-endpoint --vpc-endpoint-id <endpoint-id> --reset-policy --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html", "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html"],
    requires: ["ListFunctions", "DescribeVpcEndpoints"],
    messages: {
      policyDenies: "The policy of endpoint {{endpoint}} denies what {{affected}} need: {{detail}}",
    },
  },
  *check({ model, settings }, region) {
    const owned = ownedHops(model, region, "endpoint-policy-denies");
    for (const items of groupBy(owned, (o) => `${endpointIdOf(o)}\n${o.result.service}`).values()) {
      const first = items[0]!;
      const id = endpointIdOf(first);
      yield {
        messageId: "policyDenies",
        resource: ec2Ref(region, "vpc-endpoint", id),
        key: first.result.service,
        severity: severityFor("error", region, items.map((o) => o.result), settings),
        data: { endpoint: id, affected: affectedPaths(items.map((o) => o.result)), detail: first.hop.detail },
        evidence: [first.hop],
        fix: [
          comment("save the policy to policy.json, add a statement allowing the call for the function's role, then apply it:"),
          ec2(region, "describe-vpc-endpoints", ["--vpc-endpoint-ids", id, "--query", "VpcEndpoints[0].PolicyDocument", "--output", "text"]),
          ec2(region, "modify-vpc-endpoint", ["--vpc-endpoint-id", id, "--policy-document", "file://policy.json"]),
        ],
      };
    }
  },
});
