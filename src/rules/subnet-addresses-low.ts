import { structure } from "./fix.js";
import { defineRule, type Violation } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "fewAddresses";

/** The default threshold (config: thresholds.subnetFreeAddresses). */
export const DEFAULT_SUBNET_FREE_ADDRESSES = 10;

export default defineRule<MessageId>({
  meta: {
    id: "subnet-addresses-low",
    title: "A function subnet is running out of free IP addresses",
    severity: "warning",
    category: "resilience",
    securitySeverity: 3.0,
    rationale:
      "Each network interface Lambda creates for a VPC function takes an IP address of its subnet: one per combination of " +
      "subnet and security groups, more when a combination carries many connections, and new ones when the configuration " +
      "changes or an idle function becomes active again. When the subnet has no free address, creating the interface fails " +
      "(StateReasonCode SubnetOutOfIPAddresses): the function stays Inactive or Failed and every invocation fails. The rule " +
      `warns when a function subnet's AvailableIpAddressCount (DescribeSubnets) is below a threshold, ${DEFAULT_SUBNET_FREE_ADDRESSES} ` +
      "by default (thresholds.subnetFreeAddresses in the configuration file).",
    remediation: {
      text:
        "See what holds the subnet's addresses and release what is unused, or give the functions more subnets (or larger " +
        "ones) in the same VPC.",
      cli: [
        "aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=<subnet-id> --query 'NetworkInterfaces[].[NetworkInterfaceId,InterfaceType,Status,Description]' --output table --region <region>",
        "aws lambda update-function-configuration --function-name <function> --vpc-config SubnetIds=<subnet-ids>,SecurityGroupIds=<sg-ids> --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html", "https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html"],
    requires: ["ListFunctions", "DescribeSubnets"],
    messages: {
      fewAddresses:
        "Subnet {{subnet}} ({{az}}) has {{free}} free IPv4 {{addresses}}, fewer than {{threshold}}, and Lambda {{functions}} {{use}} it: when Lambda next needs a network interface there (a new security-group combination, more load, an idle function becoming active) it may find no address, and the function fails with SubnetOutOfIPAddresses.",
    },
    headlines: {
      fewAddresses: "{{free}} free IPv4 {{addresses}} left (fewer than {{threshold}})",
    },
  },
  *check({ settings }, region): Generator<Violation<MessageId>> {
    const threshold = settings.subnetFreeAddresses ?? DEFAULT_SUBNET_FREE_ADDRESSES;
    const bySubnet = new Map<string, string[]>();
    for (const fn of region.functions) {
      for (const subnetId of fn.VpcConfig?.SubnetIds ?? []) bySubnet.set(subnetId, [...(bySubnet.get(subnetId) ?? []), fn.FunctionName]);
    }
    for (const subnetId of [...bySubnet.keys()].sort()) {
      const free = region.subnets.get(subnetId)?.AvailableIpAddressCount;
      if (free === undefined || free >= threshold) continue;
      const functions = sortedUnique(bySubnet.get(subnetId) ?? []);
      yield {
        messageId: "fewAddresses",
        resource: ec2Ref(region, "subnet", subnetId),
        key: "free-addresses",
        data: {
          subnet: subnetId,
          az: region.subnets.get(subnetId)?.AvailabilityZone ?? "unknown AZ",
          free,
          addresses: free === 1 ? "address" : "addresses",
          threshold,
          functions: `${functions.length === 1 ? "function" : "functions"} ${listing(functions)}`,
          use: functions.length === 1 ? "uses" : "use",
        },
        fix: [
          ec2(region, "describe-network-interfaces", [
            "--filters",
            structure(`Name=subnet-id,Values=${subnetId}`, [{ Name: "subnet-id", Values: [subnetId] }], [subnetId]),
            "--query",
            "NetworkInterfaces[].[NetworkInterfaceId,InterfaceType,Status,Description]",
            "--output",
            "table",
          ]),
        ],
      };
    }
  },
});
