import { defineRule } from "./types.js";
import { NO_KMS_EVIDENCE_REASON } from "./support/kms-evidence.js";
import { noPathViolations, type NoPathMessageId } from "./support/no-path.js";

type MessageId = NoPathMessageId;

const UNPROVEN_IMPORTANCE = `Reported as a note: ${NO_KMS_EVIDENCE_REASON}`;

export default defineRule<MessageId>({
  meta: {
    id: "lambda-no-kms-path",
    title: "VPC-attached Lambda function has no network path to AWS KMS",
    severity: "error",
    category: "reachability",
    securitySeverity: 7.5,
    rationale:
      "A function attached to a VPC reaches AWS KMS only through the VPC: a KMS interface endpoint with private DNS, or a " +
      "route to a public NAT gateway. Without either, kms:Decrypt calls from the function's code time out at run time. " +
      "When only some of the function's subnets lack a path the timeouts are intermittent, because Lambda places execution " +
      "environments in any of the configured subnets; they are intermittent too when a hop drops only some connections " +
      "(a network ACL admitting only part of the return ports, one of an endpoint's network interfaces unreachable), which " +
      "is still an error: those calls fail every time. The severity is error when the function shows evidence of calling KMS " +
      "from its code (an environment variable holding KMS ciphertext or a key reference, the tag kms-audit:uses-kms=true, or " +
      "a config declaration), and note otherwise: Lambda decrypts environment variables encrypted at rest with KMSKeyArn " +
      "itself, outside the VPC, so a customer managed key alone is not evidence. This rule is the function-level summary: " +
      "each blocking hop names the rule that owns it (route-blackhole, nacl-blocks-path, ...), which reports the component " +
      "and its fix. A subnet whose path leaves what the snapshot shows (a VPN, custom DNS resolvers, a transit gateway or " +
      "peering connection into an account the snapshot lacks, a call that failed or was not collected) is neither passed " +
      "nor failed here: path-unverifiable names the hop to check by hand. In a VPC whose service name a private hosted " +
      "zone answers (a landing zone's central endpoint), no local endpoint is proposed: AWS refuses a private-DNS endpoint " +
      "there (ConflictingDomainExists), so the fix is the central path's, given by the rules that own its hops. The path model decides with the data there is, so a subnet with no route at all is still reported " +
      "when, say, DescribeNatGateways failed.",
    remediation: {
      text:
        "Give every subnet of the function a path to KMS: create an interface endpoint com.amazonaws.<region>.kms in the " +
        "function's VPC and subnets, with private DNS on and a security group admitting TCP 443 from the function's security " +
        "groups (or route 0.0.0.0/0 to a public NAT gateway). When an endpoint exists, fix the hops named in the message.",
      cli: [
        'aws ec2 create-security-group --vpc-id <vpc-id> --group-name kms-endpoint --description "HTTPS to com.amazonaws.<region>.kms" --region <region>',
        "aws ec2 authorize-security-group-ingress --group-id <endpoint-sg-id> --protocol tcp --port 443 --source-group <function-sg-id> --region <region>",
        "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.kms --subnet-ids <subnet-ids> --security-group-ids <endpoint-sg-id> --private-dns-enabled --region <region>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html",
      "https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html",
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html",
    ],
    requires: ["ListFunctions"],
    messages: {
      noPathAnySubnet:
        "Lambda function {{function}} has no network path to KMS ({{hostname}}:443) from {{scope}}: every KMS call from its code times out. {{importance}}. Blocking hops: {{hops}}.",
      noPathSomeSubnets:
        "Lambda function {{function}} has no network path to KMS ({{hostname}}:443) from {{blockedCount}} of its {{subnetCount}} subnets ({{subnets}}) but reaches it from {{reachableSubnets}}: KMS calls time out intermittently, whenever Lambda runs the function in a subnet without a path. {{importance}}. Blocking hops: {{hops}}.",
      somePathsDrop:
        "Lambda function {{function}}'s path to KMS ({{hostname}}:443) from {{subnets}} drops some connections and lets others through: KMS calls fail intermittently (those on a denied port, or sent to an endpoint interface that can't be reached), and retries only hide it. {{importance}}. Blocking hops: {{hops}}.",
      refusedByPolicy:
        "Lambda function {{function}} reaches KMS ({{hostname}}:443) over the network from {{subnets}}, but an endpoint policy on the way refuses the call: KMS calls from its code fail with AccessDenied. {{importance}}. Blocking hops: {{hops}}.",
    },
    headlines: {
      noPathAnySubnet: "no path to {{service}} from any subnet",
      noPathSomeSubnets: "no path to {{service}} from {{blockedCount}} of {{subnetCount}} subnets",
      somePathsDrop: "the path to {{service}} drops some connections (intermittent)",
      refusedByPolicy: "an endpoint policy refuses its {{service}} calls",
    },
  },
  check(context, region) {
    return noPathViolations(context, region, "kms", {
      importance: (evidence) => (evidence === undefined ? UNPROVEN_IMPORTANCE : `It calls KMS at run time: ${evidence}`),
    });
  },
});
