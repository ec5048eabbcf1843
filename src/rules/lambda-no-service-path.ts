import { defineRule } from "./types.js";
import { noPathViolations, type NoPathMessageId } from "./support/no-path.js";

type MessageId = NoPathMessageId;

export default defineRule<MessageId>({
  meta: {
    id: "lambda-no-service-path",
    title: "VPC-attached Lambda function has no network path to an AWS service it uses",
    severity: "error",
    category: "reachability",
    securitySeverity: 7.0,
    rationale:
      "Besides KMS (lambda-no-kms-path), kms-audit evaluates the path to every AWS service a function is known to call: " +
      "an environment variable naming one of the service's resources (a Secrets Manager secret or SSM parameter ARN, an " +
      "SQS queue URL, an SNS topic, DynamoDB table or S3 bucket ARN, an s3:// URI), the AWS Parameters and Secrets Lambda " +
      "Extension layer (SSM and Secrets Manager), the tag kms-audit:uses, or a declaration in the configuration file. A " +
      "function attached to a VPC reaches such a service only through the VPC: an interface endpoint with private DNS, a " +
      "gateway endpoint for S3 and DynamoDB, or a route to a public NAT gateway. Without one, the calls time out at run " +
      "time; when only some subnets lack a path, they time out intermittently, because Lambda places execution " +
      "environments in any of the configured subnets. Like lambda-no-kms-path this is the function-level summary: each " +
      "blocking hop names the rule that owns it and its fix, and a path the snapshot can't decide is left to " +
      "path-unverifiable. A resource in another region is reached through that region's public endpoint, which endpoints " +
      "in this VPC don't serve: path-unverifiable says so.",
    remediation: {
      text:
        "Give every subnet of the function a path to the service: an interface endpoint com.amazonaws.<region>.<service> " +
        "with private DNS and a security group admitting TCP 443 from the function's security groups, a gateway endpoint on " +
        "the subnets' route tables for S3 and DynamoDB, or a route 0.0.0.0/0 to a public NAT gateway. When an endpoint " +
        "exists, fix the hops named in the message.",
      cli: [
        'aws ec2 create-security-group --vpc-id <vpc-id> --group-name <service>-endpoint --description "HTTPS to com.amazonaws.<region>.<service>" --region <region>',
        "aws ec2 authorize-security-group-ingress --group-id <endpoint-sg-id> --protocol tcp --port 443 --source-group <function-sg-id> --region <region>",
        "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.<service> --subnet-ids <subnet-ids> --security-group-ids <endpoint-sg-id> --private-dns-enabled --region <region>",
        "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Gateway --service-name com.amazonaws.<region>.s3 --route-table-ids <route-table-ids> --region <region>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html",
      "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html",
      "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
      "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
    ],
    requires: ["ListFunctions"],
    messages: {
      noPathAnySubnet:
        "Lambda function {{function}} has no network path to {{service}} ({{hostname}}:443) from {{scope}}: every {{service}} call from its code times out. {{importance}}. Blocking hops: {{hops}}.",
      noPathSomeSubnets:
        "Lambda function {{function}} has no network path to {{service}} ({{hostname}}:443) from {{blockedCount}} of its {{subnetCount}} subnets ({{subnets}}) but reaches it from {{reachableSubnets}}: {{service}} calls time out intermittently, whenever Lambda runs the function in a subnet without a path. {{importance}}. Blocking hops: {{hops}}.",
      somePathsDrop:
        "Lambda function {{function}}'s path to {{service}} ({{hostname}}:443) from {{subnets}} drops some connections and lets others through: {{service}} calls fail intermittently (those on a denied port, or sent to an endpoint interface that can't be reached), and retries only hide it. {{importance}}. Blocking hops: {{hops}}.",
      refusedByPolicy:
        "Lambda function {{function}} reaches {{service}} ({{hostname}}:443) over the network from {{subnets}}, but an endpoint policy on the way refuses the call: {{service}} calls from its code fail with AccessDenied. {{importance}}. Blocking hops: {{hops}}.",
    },
    headlines: {
      noPathAnySubnet: "no path to {{service}} from any subnet",
      noPathSomeSubnets: "no path to {{service}} from {{blockedCount}} of {{subnetCount}} subnets",
      somePathsDrop: "the path to {{service}} drops some connections (intermittent)",
      refusedByPolicy: "an endpoint policy refuses its {{service}} calls",
    },
  },
  check(context, region) {
    return noPathViolations(context, region, (service) => service !== "kms", {
      importance: (evidence, service) =>
        evidence === undefined ? `Reported as a note: nothing says its code calls ${service.title}` : `It calls ${service.title} at run time: ${evidence}`,
    });
  },
});
