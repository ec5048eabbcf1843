import type { RegionIndex } from "../model/model.js";
import type { FunctionStateRecord, LambdaFunction } from "../snapshot/types.js";
import { awsRun, comment, setVariable, structure, variable, type FixLine } from "./fix.js";
import { defineRule, type Violation } from "./types.js";
import { listing } from "./support/text.js";

type MessageId = "deletedResources" | "failedState";

/** The StateReasonCodes that mean Lambda could not create the function's network interfaces. */
const ENI_FAILURES: Readonly<Record<string, string>> = {
  InvalidSubnet: "a subnet of its VpcConfig does not exist",
  InvalidSecurityGroup: "a security group of its VpcConfig does not exist",
  SubnetOutOfIPAddresses: "a subnet of its VpcConfig has no free IP address",
  EniLimitExceeded: "the region's quota of network interfaces is used up",
};

/** Network interfaces per Region (Service Quotas vpc/L-DF5E4CA3, default 5,000). */
const ENI_QUOTA_CODE = "L-DF5E4CA3";

interface Deleted {
  readonly subnets: readonly string[];
  readonly groups: readonly string[];
}

/** The ids of the VpcConfig that successful DescribeSubnets / DescribeSecurityGroups calls don't list. */
function deletedOf(region: RegionIndex, fn: LambdaFunction): Deleted {
  const subnets = region.gaps.has("DescribeSubnets") ? [] : (fn.VpcConfig?.SubnetIds ?? []).filter((id) => !region.subnets.has(id));
  const groups = region.gaps.has("DescribeSecurityGroups") ? [] : (fn.VpcConfig?.SecurityGroupIds ?? []).filter((id) => !region.securityGroups.has(id));
  return { subnets, groups };
}

/** The shorthand value of --vpc-config: SubnetIds=a,b,SecurityGroupIds=c (and the function's dual-stack setting). */
function vpcConfigValue(fn: LambdaFunction, subnets: readonly string[], groups: readonly string[]): string {
  const dualStack = fn.VpcConfig?.Ipv6AllowedForDualStack === true;
  return structure(
    `SubnetIds=${subnets.join(",")},SecurityGroupIds=${groups.join(",")}${dualStack ? ",Ipv6AllowedForDualStack=true" : ""}`,
    { SubnetIds: subnets, SecurityGroupIds: groups, ...(dualStack ? { Ipv6AllowedForDualStack: true } : {}) },
    [...subnets, ...groups],
  );
}

function updateVpcConfig(region: RegionIndex, fn: LambdaFunction, value: string | { readonly variable: string }): FixLine {
  return awsRun(region.region, "lambda", "update-function-configuration", ["--function-name", fn.FunctionArn, "--vpc-config", value]);
}

/**
 * The VpcConfig without the deleted ids. When nothing of a kind is left, the user chooses (an empty list would
 * detach the function from its VPC): the value is set on its own commented line, kms-audit's guess in it.
 */
function withoutDeleted(region: RegionIndex, fn: LambdaFunction, deleted: Deleted): FixLine[] {
  const subnets = (fn.VpcConfig?.SubnetIds ?? []).filter((id) => !deleted.subnets.includes(id));
  const groups = (fn.VpcConfig?.SecurityGroupIds ?? []).filter((id) => !deleted.groups.includes(id));
  if (subnets.length > 0 && groups.length > 0) return [updateVpcConfig(region, fn, vpcConfigValue(fn, subnets, groups))];
  const vpc = fn.VpcConfig?.VpcId ? ` of ${fn.VpcConfig.VpcId}` : "";
  return [
    setVariable("VPC_CONFIG", vpcConfigValue(fn, subnets, groups), `every ${subnets.length === 0 ? "subnet" : "security group"} of the function was deleted: list existing ones${vpc} before the update`),
    updateVpcConfig(region, fn, variable("VPC_CONFIG")),
  ];
}

function fixFor(region: RegionIndex, fn: LambdaFunction, deleted: Deleted, code: string | undefined): FixLine[] {
  if (deleted.subnets.length > 0 || deleted.groups.length > 0) return withoutDeleted(region, fn, deleted);
  const current = vpcConfigValue(fn, fn.VpcConfig?.SubnetIds ?? [], fn.VpcConfig?.SecurityGroupIds ?? []);
  switch (code) {
    case "SubnetOutOfIPAddresses":
      return [
        setVariable("VPC_CONFIG", current, "the function's subnets and security groups: replace or add subnets with free addresses (or free addresses in these)"),
        updateVpcConfig(region, fn, variable("VPC_CONFIG")),
      ];
    case "EniLimitExceeded":
      return [
        awsRun(region.region, "service-quotas", "get-service-quota", ["--service-code", "vpc", "--quota-code", ENI_QUOTA_CODE]),
        setVariable("ENI_QUOTA", "6000", "network interfaces per region to ask for: more than the applied value printed above (AWS's default is 5000)"),
        awsRun(region.region, "service-quotas", "request-service-quota-increase", ["--service-code", "vpc", "--quota-code", ENI_QUOTA_CODE, "--desired-value", variable("ENI_QUOTA")]),
        comment("once the increase is granted, update the function so that Lambda creates its network interfaces again"),
        updateVpcConfig(region, fn, current),
      ];
    default:
      return [comment("once every subnet and security group of the VpcConfig exists, update the function so that Lambda creates its network interfaces again"), updateVpcConfig(region, fn, current)];
  }
}

/** What the deleted resources mean for the function now: failing already, or at the next cold start after going idle. */
function consequence(state: FunctionStateRecord | undefined, code: string): string {
  if (isFailedOnEnis(state)) {
    return `It is ${state!.State} with StateReasonCode ${state!.StateReasonCode} already: every invocation fails until the VpcConfig is fixed.`;
  }
  const now = state?.State === undefined ? "" : ` (it is ${state.State} now)`;
  return `The next time Lambda creates them${now}, at the first invocation after the function goes idle and Inactive or at its next update, it fails with ${code}, and every invocation fails until the VpcConfig is fixed.`;
}

function isFailedOnEnis(state: FunctionStateRecord | undefined): boolean {
  const value = (state?.State ?? "").toLowerCase();
  return (value === "failed" || value === "inactive") && ENI_FAILURES[state?.StateReasonCode ?? ""] !== undefined;
}

export default defineRule<MessageId>({
  meta: {
    id: "lambda-vpc-config-stale",
    title: "Lambda can't create the function's network interfaces from its VPC configuration",
    severity: "error",
    category: "reachability",
    securitySeverity: 7.0,
    rationale:
      "Lambda creates a VPC function's network interfaces (Hyperplane ENIs) from its VpcConfig when the function is created " +
      "or updated, and again when an idle function, made Inactive and its interfaces reclaimed, is invoked. If a subnet or " +
      "security group of the VpcConfig was deleted since, or a subnet has no free address, or the region's quota of network " +
      "interfaces is used up, that fails: the function becomes (or stays) Inactive or Failed with StateReasonCode " +
      "InvalidSubnet, InvalidSecurityGroup, SubnetOutOfIPAddresses or EniLimitExceeded, and every invocation fails until its " +
      "configuration is fixed. A function that still runs on its old interfaces hides the problem until its next cold " +
      "start after going idle. kms-audit compares the VpcConfig with DescribeSubnets and DescribeSecurityGroups, and reads " +
      "State and StateReasonCode from GetFunctionConfiguration (ListFunctions doesn't return them).",
    remediation: {
      text:
        "Update the function's VpcConfig to subnets and security groups that exist (and subnets with free addresses), or " +
        "raise the network interface quota; the update makes Lambda create the interfaces again.",
      cli: [
        "aws lambda update-function-configuration --function-name <function> --vpc-config SubnetIds=<subnet-ids>,SecurityGroupIds=<sg-ids> --region <region>",
        `aws service-quotas request-service-quota-increase --service-code vpc --quota-code ${ENI_QUOTA_CODE} --desired-value <value> --region <region>`,
      ],
    },
    references: [
      "https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html",
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
      "https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html",
    ],
    requires: ["ListFunctions"],
    messages: {
      deletedResources:
        "Lambda function {{function}} has {{deleted}} in its VpcConfig that no longer {{exist}} ({{notListed}}): Lambda can't create its network interfaces there. {{consequence}}",
      failedState:
        "Lambda function {{function}} is {{state}} with StateReasonCode {{code}} ({{meaning}}{{reason}}): Lambda could not create its network interfaces, and every invocation fails until this is fixed.",
    },
    headlines: {
      deletedResources: "VpcConfig names {{deleted}} that no longer {{exist}}",
      failedState: "{{state}} ({{code}}): no network interfaces",
    },
  },
  *check(_context, region): Generator<Violation<MessageId>> {
    for (const fn of region.functions) {
      const resource = { type: "lambda-function" as const, id: fn.FunctionName, arn: fn.FunctionArn, account: region.account, region: region.region };
      const deleted = deletedOf(region, fn);
      const state = region.functionStates.get(fn.FunctionArn);
      const failedOnEnis = isFailedOnEnis(state);
      const count = deleted.subnets.length + deleted.groups.length;
      if (count > 0) {
        const names = [...deleted.subnets.map((id) => `subnet ${id}`), ...deleted.groups.map((id) => `security group ${id}`)];
        const calls = [...(deleted.subnets.length > 0 ? ["DescribeSubnets"] : []), ...(deleted.groups.length > 0 ? ["DescribeSecurityGroups"] : [])];
        const code = deleted.subnets.length > 0 ? "InvalidSubnet" : "InvalidSecurityGroup";
        yield {
          messageId: "deletedResources",
          resource,
          key: "vpc-config",
          data: {
            function: fn.FunctionName,
            deleted: listing(names),
            exist: count === 1 ? "exists" : "exist",
            notListed: `${listing(calls)} ${calls.length === 1 ? "doesn't" : "don't"} list ${count === 1 ? "it" : "them"}`,
            code,
            consequence: consequence(state, code),
          },
          fix: fixFor(region, fn, deleted, state?.StateReasonCode),
        };
      } else if (failedOnEnis) {
        const reason = state?.StateReason === undefined ? "" : `; Lambda says: ${state.StateReason}`;
        yield {
          messageId: "failedState",
          resource,
          key: "vpc-config",
          data: { function: fn.FunctionName, state: state!.State!, code: state!.StateReasonCode!, meaning: ENI_FAILURES[state!.StateReasonCode!]!, reason },
          fix: fixFor(region, fn, deleted, state?.StateReasonCode),
        };
      }
    }
  },
});
