import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../model/model.js";
import { defineRule, type Violation } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { endpointState, isInterfaceEndpoint } from "./support/endpoints.js";
import { groupBy } from "./support/hops.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "twoPrivateDnsEndpoints" | "functionInTwoVpcs";

const GONE = ["deleted", "deleting", "failed", "rejected", "expired"];

/** Interface endpoints with private DNS on, grouped by VPC and service name, where a group has more than one. */
function privateDnsConflicts(region: RegionIndex): VpcEndpoint[][] {
  const withPrivateDns = [...region.vpcEndpoints.values()].filter((ep) => isInterfaceEndpoint(ep) && ep.PrivateDnsEnabled === true && !GONE.includes(endpointState(ep)));
  const groups = groupBy(withPrivateDns, (ep) => `${ep.VpcId ?? ""} ${ep.ServiceName ?? ""}`);
  return [...groups.values()].filter((group) => group.length > 1).map((group) => [...group].sort((a, b) => ((a.VpcEndpointId ?? "") < (b.VpcEndpointId ?? "") ? -1 : 1)));
}

export default defineRule<MessageId>({
  meta: {
    id: "snapshot-inconsistent",
    title: "The snapshot holds a configuration AWS does not allow",
    severity: "warning",
    category: "input",
    securitySeverity: 1.0,
    rationale:
      "Some combinations can't exist in an account: two interface endpoints with private DNS for the same service in one " +
      "VPC (the second one's private hosted zone would conflict with the first's, so AWS refuses it), or one Lambda function " +
      "with subnets in two VPCs (a function's subnets and security groups all belong to one VPC). A snapshot holding them " +
      "was edited by hand, or collected while resources were changing. kms-audit says so instead of silently picking one, " +
      "and says which one the path model used: check the account itself before trusting the paths involved.",
    remediation: {
      text: "Collect the snapshot again (kms-audit collect), or correct the hand-written input; then scan again.",
      cli: ["aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=<vpc-id> Name=service-name,Values=<service-name> --region <region>"],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html",
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
    ],
    requires: ["ListFunctions"],
    messages: {
      twoPrivateDnsEndpoints:
        "{{vpc}} has {{count}} interface endpoints with private DNS for {{service}} ({{endpoints}}), which AWS does not allow: the snapshot is inconsistent. The path model takes {{used}} for {{hostname}} (the first by id whose private DNS applies); check which endpoint the VPC really uses.",
      functionInTwoVpcs:
        "Lambda function {{function}} has subnets in {{count}} VPCs ({{placement}}), which AWS does not allow: the snapshot is inconsistent. The path model evaluates each subnet in its own VPC; check the function's real VpcConfig.",
    },
    headlines: {
      twoPrivateDnsEndpoints: "{{count}} private-DNS endpoints for {{service}}: AWS allows one",
      functionInTwoVpcs: "subnets in {{count}} VPCs: AWS allows one",
    },
  },
  *check(_context, region): Generator<Violation<MessageId>> {
    for (const endpoints of privateDnsConflicts(region)) {
      const first = endpoints[0]!;
      const vpcId = first.VpcId ?? "";
      const service = first.ServiceName ?? "";
      yield {
        messageId: "twoPrivateDnsEndpoints",
        resource: ec2Ref(region, "vpc", vpcId),
        key: `private-dns:${service}`,
        data: {
          vpc: vpcId,
          count: endpoints.length,
          service,
          endpoints: listing(endpoints.map((ep) => ep.VpcEndpointId ?? "")),
          hostname: `${service.split(".").slice(3).join(".")}.${region.region}.amazonaws.com`,
          used: first.VpcEndpointId ?? "",
        },
        fix: [],
      };
    }
    for (const fn of region.functions) {
      const placed = (fn.VpcConfig?.SubnetIds ?? []).flatMap((id) => {
        const vpcId = region.subnets.get(id)?.VpcId;
        return vpcId === undefined ? [] : [{ id, vpcId }];
      });
      const vpcs = sortedUnique(placed.map((p) => p.vpcId));
      if (vpcs.length < 2) continue;
      yield {
        messageId: "functionInTwoVpcs",
        resource: { type: "lambda-function", id: fn.FunctionName, arn: fn.FunctionArn, account: region.account, region: region.region },
        key: "vpcs",
        data: {
          function: fn.FunctionName,
          count: vpcs.length,
          placement: vpcs.map((vpc) => `${listing(placed.filter((p) => p.vpcId === vpc).map((p) => p.id))} in ${vpc}`).join("; "),
        },
        fix: [],
      };
    }
  },
});
