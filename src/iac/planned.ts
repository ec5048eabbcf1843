import type {
  Address,
  DhcpOptions,
  InternetGateway,
  IpPermission,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  Route,
  RouteTable,
  SecurityGroup,
  Subnet,
  TransitGateway,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  TransitGatewayVpcAttachment,
  Vpc,
  VpcEndpoint,
  VpcPeeringConnection,
} from "@aws-sdk/client-ec2";
import type { HostedZone, ResourceRecordSet } from "@aws-sdk/client-route-53";
import type { LambdaFunction } from "../snapshot/types.js";

/** Where a resource is written: a file (as given on the command line, or relative to the plan's --tf-dir) and a 1-based line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type InputKind = "cloudformation" | "sam" | "cdk" | "terraform";

/**
 * The resources an IaC input plans, in AWS's own shapes, before they are laid over an account (or over nothing).
 * Whole resources are keyed by id; what the inputs declare as separate resources but AWS shows inside another one
 * (routes, associations, security group and ACL rules, gateway attachments) is kept apart and applied at assembly, so it
 * can land on a planned resource or on one that is already deployed.
 */
export class PlannedNetwork {
  readonly vpcs = new Map<string, Vpc>();
  readonly vpcDns = new Map<string, { support?: boolean | string; hostnames?: boolean | string }>();
  readonly subnets = new Map<string, Subnet>();
  readonly routeTables = new Map<string, RouteTable>();
  readonly internetGateways = new Map<string, InternetGateway>();
  readonly natGateways = new Map<string, NatGateway>();
  readonly endpoints = new Map<string, VpcEndpoint>();
  readonly securityGroups = new Map<string, SecurityGroup>();
  readonly networkAcls = new Map<string, NetworkAcl>();
  readonly dhcpOptions = new Map<string, DhcpOptions>();
  readonly addresses = new Map<string, Address>();
  /** By ARN. */
  readonly functions = new Map<string, LambdaFunction>();

  readonly routes: { readonly tableId: string; readonly route: Route }[] = [];
  readonly tableAssociations: { readonly tableId: string; readonly subnetId?: string; readonly mainOf?: string }[] = [];
  readonly gatewayAttachments: { readonly gatewayId: string; readonly vpcId: string }[] = [];
  readonly groupRules: { readonly groupId: string; readonly direction: "ingress" | "egress"; readonly permission: IpPermission }[] = [];
  readonly aclEntries: { readonly aclId: string; readonly entry: NetworkAclEntry }[] = [];
  readonly aclAssociations: { readonly aclId: string; readonly subnetId: string }[] = [];
  readonly dhcpAssociations: { readonly vpcId: string; readonly dhcpOptionsId: string }[] = [];
  readonly endpointLinks: { readonly endpointId: string; readonly subnetId?: string; readonly groupId?: string; readonly routeTableId?: string; readonly policy?: string }[] = [];

  // Beyond the VPC (landing zones), laid over every account's data by src/iac/landing.ts.
  readonly transitGateways = new Map<string, TransitGateway>();
  readonly tgwAttachments = new Map<string, TransitGatewayVpcAttachment>();
  readonly tgwRouteTables = new Map<string, TransitGatewayRouteTable>();
  readonly tgwRoutes: { readonly tableId: string; readonly route: TransitGatewayRoute }[] = [];
  readonly tgwAssociations: { readonly tableId: string; readonly attachmentId: string }[] = [];
  readonly tgwPropagations: { readonly tableId: string; readonly attachmentId: string }[] = [];
  /** Attachments that opt out of the gateway's default route table association or propagation (Terraform). */
  readonly tgwAttachmentDefaults = new Map<string, { readonly association: boolean; readonly propagation: boolean }>();
  readonly peerings = new Map<string, VpcPeeringConnection>();
  /** Peering connections the change accepts (Terraform's aws_vpc_peering_connection_accepter). */
  readonly peeringAccepts: string[] = [];
  /** Private hosted zones by id without /hostedzone/. */
  readonly hostedZones = new Map<string, HostedZone>();
  readonly zoneAssociations: { readonly zoneId: string; readonly vpcId: string }[] = [];
  /** Zone associations the change removes: Terraform `aws_route53_zone_association` resources deleted. */
  readonly deletedZoneAssociations: { readonly zoneId: string; readonly vpcId: string }[] = [];
  readonly records: { readonly zoneId: string; readonly record: ResourceRecordSet }[] = [];
  readonly profileAssociations: { readonly profileId: string; readonly vpcId: string }[] = [];

  /** Ids (and function ARNs) the change removes from the account: Terraform delete actions. */
  readonly deleted = new Set<string>();
  /** Routes the change removes: Terraform `aws_route` resources deleted. */
  readonly deletedRoutes: { readonly tableId: string; readonly destination: string }[] = [];
  /** Where each planned resource (by id or ARN) is defined. */
  readonly locations = new Map<string, SourceLocation>();
  /** What the report should say about the input (a resource kept although its condition is unknown). */
  readonly notes: string[] = [];

  locate(id: string, location: SourceLocation | undefined): void {
    if (location !== undefined && !this.locations.has(id)) this.locations.set(id, location);
  }
}

/** One environment's share of an input: its network, and the account and region (undefined when the input does not say). */
export interface PlannedPart {
  readonly network: PlannedNetwork;
  readonly account?: string;
  readonly region?: string;
}

/** A planned input: one part per environment it deploys to (CDK apps may name several). */
export interface PlannedInput {
  readonly kind: InputKind;
  /** The file or directory as given. */
  readonly path: string;
  readonly parts: readonly PlannedPart[];
}
