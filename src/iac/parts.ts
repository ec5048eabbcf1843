import type { IpPermission } from "@aws-sdk/client-ec2";
import { classifyEnvValue } from "../snapshot/classify-env.js";
import type { EnvValueClass, LambdaFunction } from "../snapshot/types.js";
import { syntheticId } from "./ids.js";
import type { PlannedNetwork, SourceLocation } from "./planned.js";

/** What AWS creates with every new VPC: the main route table, the default network ACL (allow all) and the default security group. */
export function defaultsOf(vpcName: string) {
  return {
    mainRouteTable: syntheticId("rtb", `${vpcName} main`),
    defaultAcl: syntheticId("acl", `${vpcName} default`),
    defaultGroup: syntheticId("sg", `${vpcName} default`),
  };
}

const ALLOW_ALL = (egress: boolean, ruleNumber: number) => ({ RuleNumber: ruleNumber, Protocol: "-1", RuleAction: "allow" as const, Egress: egress, CidrBlock: "0.0.0.0/0" });

/** A VPC the change creates, with the defaults AWS gives it. */
export function addNewVpc(network: PlannedNetwork, vpcId: string, vpcName: string, cidr: string | undefined, dns: { support: boolean; hostnames: boolean }, location?: SourceLocation): void {
  const defaults = defaultsOf(vpcName);
  network.vpcs.set(vpcId, { VpcId: vpcId, ...(cidr === undefined ? {} : { CidrBlock: cidr }), State: "available", IsDefault: false });
  network.vpcDns.set(vpcId, { support: dns.support, hostnames: dns.hostnames });
  network.routeTables.set(defaults.mainRouteTable, { RouteTableId: defaults.mainRouteTable, VpcId: vpcId, Routes: [], Associations: [{ RouteTableId: defaults.mainRouteTable, Main: true, AssociationState: { State: "associated" } }] });
  network.networkAcls.set(defaults.defaultAcl, { NetworkAclId: defaults.defaultAcl, VpcId: vpcId, IsDefault: true, Associations: [], Entries: [ALLOW_ALL(false, 100), ALLOW_ALL(true, 100)] });
  network.securityGroups.set(defaults.defaultGroup, {
    GroupId: defaults.defaultGroup,
    GroupName: "default",
    VpcId: vpcId,
    IpPermissions: [{ IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: defaults.defaultGroup }] }],
    IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
  });
  for (const id of [vpcId, defaults.mainRouteTable, defaults.defaultAcl, defaults.defaultGroup]) network.locate(id, location);
}

export interface RuleFields {
  readonly protocol: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly cidr?: string | undefined;
  readonly ipv6Cidr?: string | undefined;
  readonly groupId?: string | undefined;
  readonly prefixListId?: string | undefined;
}

/** One security group rule as DescribeSecurityGroups shows it (protocol -1 has no ports). */
export function permission(rule: RuleFields): IpPermission {
  const protocol = rule.protocol === undefined ? "-1" : String(rule.protocol).toLowerCase();
  const all = protocol === "-1" || protocol === "all";
  return {
    IpProtocol: all ? "-1" : protocol,
    ...(all || rule.from === undefined ? {} : { FromPort: rule.from }),
    ...(all || rule.to === undefined ? {} : { ToPort: rule.to }),
    ...(rule.cidr === undefined ? {} : { IpRanges: [{ CidrIp: rule.cidr }] }),
    ...(rule.ipv6Cidr === undefined ? {} : { Ipv6Ranges: [{ CidrIpv6: rule.ipv6Cidr }] }),
    ...(rule.groupId === undefined ? {} : { UserIdGroupPairs: [{ GroupId: rule.groupId }] }),
    ...(rule.prefixListId === undefined ? {} : { PrefixListIds: [{ PrefixListId: rule.prefixListId }] }),
  };
}

/** An environment variable as the input gives it: a literal value, a reference to a KMS key, or unknown before deploy. */
export type EnvInput = { readonly value: string } | { readonly kmsKey: true } | { readonly unknown: true };

/** Values are classified here and dropped, as at the collection boundary; an unknown value counts as plain. */
export function classifyInputs(variables: Readonly<Record<string, EnvInput>>): Record<string, EnvValueClass> {
  const classes: Record<string, EnvValueClass> = {};
  for (const [name, input] of Object.entries(variables)) {
    classes[name] = "kmsKey" in input ? "kms-key-reference" : "value" in input ? classifyEnvValue(input.value) : "plain";
  }
  return classes;
}

export interface FunctionFields {
  readonly name: string;
  readonly arn: string;
  readonly subnetIds: readonly string[];
  readonly groupIds: readonly string[];
  readonly environment?: Readonly<Record<string, EnvInput>>;
  readonly kmsKeyArn?: string | undefined;
  readonly role?: string | undefined;
  readonly runtime?: string | undefined;
  readonly tags?: Readonly<Record<string, string>>;
  readonly ipv6?: boolean;
}

export function lambdaFunction(fields: FunctionFields): LambdaFunction {
  return {
    FunctionName: fields.name,
    FunctionArn: fields.arn,
    State: "Active",
    ...(fields.runtime === undefined ? {} : { Runtime: fields.runtime as never }),
    ...(fields.role === undefined ? {} : { Role: fields.role }),
    ...(fields.kmsKeyArn === undefined ? {} : { KMSKeyArn: fields.kmsKeyArn }),
    ...(fields.subnetIds.length === 0 ? {} : { VpcConfig: { SubnetIds: [...fields.subnetIds], SecurityGroupIds: [...fields.groupIds], ...(fields.ipv6 === true ? { Ipv6AllowedForDualStack: true } : {}) } }),
    ...(fields.environment === undefined ? {} : { Environment: { VariableClasses: classifyInputs(fields.environment) } }),
    ...(fields.tags === undefined || Object.keys(fields.tags).length === 0 ? {} : { Tags: { ...fields.tags } }),
  };
}
