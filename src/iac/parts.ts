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

export interface GatewayOptions {
  readonly association: boolean | string;
  readonly propagation: boolean | string;
  readonly associationTable?: string | undefined;
  readonly propagationTable?: string | undefined;
  readonly autoAccept: boolean | string;
  readonly dnsSupport: boolean | string;
  readonly sgReferencing: boolean | string;
}

const enable = (value: boolean | string) => (value === true ? "enable" : value === false ? "disable" : value);

/**
 * A transit gateway the change creates, with what AWS gives it: with default route table association or propagation on
 * (the API's defaults), a default route table that new attachments are associated with and propagate to.
 */
export function addNewTransitGateway(network: PlannedNetwork, id: string, name: string, options: GatewayOptions, location?: SourceLocation): void {
  const needsDefault = (options.association === true && options.associationTable === undefined) || (options.propagation === true && options.propagationTable === undefined);
  const defaultTable = needsDefault ? syntheticId("tgw-rtb", `${name} default`) : undefined;
  const associationTable = options.associationTable ?? (options.association === true ? defaultTable : undefined);
  const propagationTable = options.propagationTable ?? (options.propagation === true ? defaultTable : undefined);
  network.transitGateways.set(id, {
    TransitGatewayId: id,
    State: "available",
    Options: {
      DefaultRouteTableAssociation: enable(options.association) as "enable",
      ...(associationTable === undefined ? {} : { AssociationDefaultRouteTableId: associationTable }),
      DefaultRouteTablePropagation: enable(options.propagation) as "enable",
      ...(propagationTable === undefined ? {} : { PropagationDefaultRouteTableId: propagationTable }),
      AutoAcceptSharedAttachments: enable(options.autoAccept) as "enable",
      DnsSupport: enable(options.dnsSupport) as "enable",
      SecurityGroupReferencingSupport: enable(options.sgReferencing) as "enable",
    },
  });
  if (defaultTable !== undefined) {
    network.tgwRouteTables.set(defaultTable, { TransitGatewayRouteTableId: defaultTable, TransitGatewayId: id, State: "available", DefaultAssociationRouteTable: defaultTable === associationTable, DefaultPropagationRouteTable: defaultTable === propagationTable });
  }
  for (const located of [id, defaultTable]) if (located !== undefined) network.locate(located, location);
}

export interface AttachmentFields {
  readonly tgwId: string | undefined;
  readonly vpcId: string | undefined;
  readonly subnetIds: readonly string[];
  /** enable/disable as given; AWS's defaults when unset (API_CreateTransitGatewayVpcAttachmentRequestOptions). */
  readonly applianceMode?: string | undefined;
  readonly dnsSupport?: string | undefined;
  readonly sgReferencing?: string | undefined;
}

/** A VPC attachment in the shape of DescribeTransitGatewayVpcAttachments (owner, state and association at assembly). */
export function addAttachment(network: PlannedNetwork, id: string, fields: AttachmentFields, location?: SourceLocation): void {
  network.tgwAttachments.set(id, {
    TransitGatewayAttachmentId: id,
    TransitGatewayId: fields.tgwId,
    VpcId: fields.vpcId,
    SubnetIds: [...fields.subnetIds],
    Options: {
      ApplianceModeSupport: (fields.applianceMode ?? "disable") as "enable",
      DnsSupport: (fields.dnsSupport ?? "enable") as "enable",
      SecurityGroupReferencingSupport: (fields.sgReferencing ?? "enable") as "enable",
      Ipv6Support: "disable",
    },
  });
  network.locate(id, location);
}

/** A DNS name as Route 53 returns it: with the trailing dot. */
export function zoneName(name: string): string {
  return name.endsWith(".") ? name : `${name}.`;
}
