/**
 * A landing zone in AWS's shapes: a network (hub) account with a transit gateway shared through AWS RAM, central KMS
 * endpoint with private DNS off, a private hosted zone for kms.<region>.amazonaws.com associated with the spokes, a
 * Resolver rule and a Route 53 Profile shared with them; spoke A attached to the transit gateway, spoke B peered with
 * the hub. Each account's calls are what that account sees: spokes see the shared gateway and their own attachment,
 * never its route tables or the hub zone's records.
 */
import type { RegionCalls, Snapshot } from "../../src/snapshot/types.js";
import { emptyLandingCalls } from "../../src/snapshot/empty-landing-calls.js";
import {
  activeState,
  dhcpOptions,
  dnsAttributes,
  emptyRegion,
  interfaceEndpoint,
  lambdaFunction,
  localRoute,
  networkAcl,
  openAclEntries,
  regionCalls,
  route,
  routeTable,
  securityGroup,
  subnet,
  tcp,
  vpc,
  type RegionData,
} from "./build.js";

export const LZ_REGION = "eu-west-1";
export const HUB = "111111111111";
export const SPOKE_A = "222222222222";
export const SPOKE_B = "333333333333";

export const lz = {
  hubVpc: "vpc-0hub000000000001",
  spokeAVpc: "vpc-0a00000000000001",
  spokeBVpc: "vpc-0b00000000000001",
  tgw: "tgw-0hub000000000001",
  hubAttachment: "tgw-attach-0hub00000000001",
  spokeAAttachment: "tgw-attach-0a0000000000001",
  hubTable: "tgw-rtb-0hub00000000001",
  spokeTable: "tgw-rtb-0spk00000000001",
  peering: "pcx-0b00000000000001",
  zone: "Z0HUBKMS0000000000001",
  otherZone: "Z0HUBCORP000000000001",
  kmsEndpoint: "vpce-0hubkms0000000001",
  rule: "rslvr-rr-0hub000000000001",
  profile: "rp-0hub000000000001",
} as const;

const kmsHost = `kms.${LZ_REGION}.amazonaws.com`;

function network(account: string, vpcId: string, cidr: string, prefix: string): RegionData {
  const d = emptyRegion();
  const third = cidr.split(".")[1];
  d.eipQuota = 5;
  d.vpcs.push(vpc({ VpcId: vpcId, CidrBlock: cidr, OwnerId: account, DhcpOptionsId: `dopt-0${prefix}00000000001` }));
  d.vpcAttributes.push(...dnsAttributes(vpcId, true, true));
  d.dhcpOptions.push(dhcpOptions(`dopt-0${prefix}00000000001`));
  for (const [az, n] of [["a", 1], ["b", 2]] as const) {
    d.subnets.push(subnet({ SubnetId: `subnet-0${prefix}0000000000${az}1`, VpcId: vpcId, CidrBlock: `10.${third}.${n}.0/24`, AvailabilityZone: `${LZ_REGION}${az}`, AvailabilityZoneId: `euw1-az${n}`, OwnerId: account }));
  }
  d.networkAcls.push(networkAcl({ NetworkAclId: `acl-0${prefix}0000000001`, VpcId: vpcId, IsDefault: true, Entries: openAclEntries(), OwnerId: account }, d.subnets.map((s) => s.SubnetId!)));
  return d;
}

/** What GetFunctionConfiguration records once the region's functions are known: an Active state per VPC function. */
function withStates(d: RegionData): RegionData {
  d.functionStates = d.functions.filter((f) => (f.VpcConfig?.SubnetIds ?? []).length > 0).map(activeState);
  return d;
}

function ok<T>(data: T) {
  return { status: "ok" as const, data };
}

/** What a collection records in a region with none of these resources: each owned VPC asked about, no zone found. */
export function noLandingZone(region: string, vpcIds: readonly string[]): RegionCalls {
  return landingZoneCalls({ ListHostedZonesByVPC: ok(vpcIds.map((VPCId) => ({ VPCId, VPCRegion: region, HostedZoneSummaries: [] }))) });
}

function landingZoneCalls(p: Partial<RegionCalls>): RegionCalls {
  return { ...emptyLandingCalls(), ...p };
}

const transitGateway = {
  TransitGatewayId: lz.tgw,
  TransitGatewayArn: `arn:aws:ec2:${LZ_REGION}:${HUB}:transit-gateway/${lz.tgw}`,
  State: "available" as const,
  OwnerId: HUB,
  Description: "network hub",
  Options: {
    AmazonSideAsn: 64512,
    AutoAcceptSharedAttachments: "enable" as const,
    DefaultRouteTableAssociation: "enable" as const,
    AssociationDefaultRouteTableId: lz.spokeTable,
    DefaultRouteTablePropagation: "disable" as const,
    PropagationDefaultRouteTableId: lz.spokeTable,
    VpnEcmpSupport: "enable" as const,
    DnsSupport: "enable" as const,
    SecurityGroupReferencingSupport: "enable" as const,
    MulticastSupport: "disable" as const,
  },
  Tags: [{ Key: "Name", Value: "hub" }],
};

const attachment = (id: string, vpcId: string, owner: string, table: string) => ({
  TransitGatewayAttachmentId: id,
  TransitGatewayId: lz.tgw,
  TransitGatewayOwnerId: HUB,
  ResourceOwnerId: owner,
  ResourceType: "vpc" as const,
  ResourceId: vpcId,
  State: "available" as const,
  Association: { TransitGatewayRouteTableId: table, State: "associated" as const },
  Tags: [],
});

const vpcAttachment = (id: string, vpcId: string, owner: string, subnets: string[], applianceMode: "enable" | "disable") => ({
  TransitGatewayAttachmentId: id,
  TransitGatewayId: lz.tgw,
  VpcId: vpcId,
  VpcOwnerId: owner,
  State: "available" as const,
  SubnetIds: subnets,
  Options: { DnsSupport: "enable" as const, SecurityGroupReferencingSupport: "enable" as const, Ipv6Support: "disable" as const, ApplianceModeSupport: applianceMode },
  Tags: [],
});

const hubAttachment = attachment(lz.hubAttachment, lz.hubVpc, HUB, lz.hubTable);
const spokeAAttachment = attachment(lz.spokeAAttachment, lz.spokeAVpc, SPOKE_A, lz.spokeTable);
const hubVpcAttachment = vpcAttachment(lz.hubAttachment, lz.hubVpc, HUB, ["subnet-0hub0000000000a1", "subnet-0hub0000000000b1"], "enable");
const spokeAVpcAttachment = vpcAttachment(lz.spokeAAttachment, lz.spokeAVpc, SPOKE_A, ["subnet-0a000000000000a1"], "disable");

const peering = {
  VpcPeeringConnectionId: lz.peering,
  RequesterVpcInfo: {
    CidrBlock: "10.2.0.0/16",
    CidrBlockSet: [{ CidrBlock: "10.2.0.0/16" }],
    OwnerId: SPOKE_B,
    VpcId: lz.spokeBVpc,
    Region: LZ_REGION,
    PeeringOptions: { AllowDnsResolutionFromRemoteVpc: false, AllowEgressFromLocalClassicLinkToRemoteVpc: false, AllowEgressFromLocalVpcToRemoteClassicLink: false },
  },
  AccepterVpcInfo: {
    CidrBlock: "10.0.0.0/16",
    CidrBlockSet: [{ CidrBlock: "10.0.0.0/16" }],
    OwnerId: HUB,
    VpcId: lz.hubVpc,
    Region: LZ_REGION,
    PeeringOptions: { AllowDnsResolutionFromRemoteVpc: true, AllowEgressFromLocalClassicLinkToRemoteVpc: false, AllowEgressFromLocalVpcToRemoteClassicLink: false },
  },
  Status: { Code: "active" as const, Message: "Active" },
  Tags: [],
};

const hubZoneSummary = { HostedZoneId: lz.zone, Name: `${kmsHost}.`, Owner: { OwningAccount: HUB } };

const sharedRule = {
  Id: lz.rule,
  CreatorRequestId: "hub-corp-rule",
  Arn: `arn:aws:route53resolver:${LZ_REGION}:${HUB}:resolver-rule/${lz.rule}`,
  DomainName: "corp.example.",
  Status: "COMPLETE",
  StatusMessage: "[Trace id: 1-000000-000000000000000000000000] Successfully created Resolver Rule.",
  RuleType: "FORWARD",
  Name: "corp",
  TargetIps: [{ Ip: "10.0.1.10", Port: 53, Protocol: "Do53" }],
  ResolverEndpointId: "rslvr-out-0hub00000000001",
  OwnerId: HUB,
  ShareStatus: "SHARED_BY_ME",
};

const profileArn = `arn:aws:route53profiles:${LZ_REGION}:${HUB}:profile/${lz.profile}`;

function hub(): RegionCalls {
  const d = network(HUB, lz.hubVpc, "10.0.0.0/16", "hub");
  d.routeTables.push(
    routeTable(
      {
        RouteTableId: "rtb-0hub000000000001",
        VpcId: lz.hubVpc,
        OwnerId: HUB,
        Routes: [localRoute("10.0.0.0/16"), route({ DestinationCidrBlock: "10.1.0.0/16", TransitGatewayId: lz.tgw }), route({ DestinationCidrBlock: "10.2.0.0/16", VpcPeeringConnectionId: lz.peering })],
      },
      { main: true },
    ),
  );
  d.securityGroups.push(
    securityGroup({ GroupId: "sg-0hubendpoint000001", GroupName: "kms-endpoint", VpcId: lz.hubVpc, OwnerId: HUB, IpPermissions: [tcp.fromCidr(443, "10.0.0.0/8")] }),
  );
  d.vpcEndpoints.push(
    interfaceEndpoint({
      VpcEndpointId: lz.kmsEndpoint,
      ServiceName: `com.amazonaws.${LZ_REGION}.kms`,
      VpcId: lz.hubVpc,
      OwnerId: HUB,
      PrivateDnsEnabled: false,
      SubnetIds: ["subnet-0hub0000000000a1", "subnet-0hub0000000000b1"],
      Groups: [{ GroupId: "sg-0hubendpoint000001", GroupName: "kms-endpoint" }],
      NetworkInterfaceIds: ["eni-0hubkms00000000a1", "eni-0hubkms00000000b1"],
      DnsEntries: [{ DnsName: `${lz.kmsEndpoint}-abcdefgh.kms.${LZ_REGION}.vpce.amazonaws.com`, HostedZoneId: "Z7HUB0000000000000000" }],
    }),
  );
  d.endpointServiceNames.push(`com.amazonaws.${LZ_REGION}.kms`);
  return {
    ...regionCalls(withStates(d)),
    ...landingZoneCalls({
      DescribeTransitGateways: ok({ TransitGateways: [transitGateway] }),
      DescribeTransitGatewayAttachments: ok({ TransitGatewayAttachments: [hubAttachment, spokeAAttachment] }),
      DescribeTransitGatewayVpcAttachments: ok({ TransitGatewayVpcAttachments: [hubVpcAttachment, spokeAVpcAttachment] }),
      DescribeTransitGatewayRouteTables: ok({
        TransitGatewayRouteTables: [
          { TransitGatewayRouteTableId: lz.hubTable, TransitGatewayId: lz.tgw, State: "available", DefaultAssociationRouteTable: false, DefaultPropagationRouteTable: false, Tags: [{ Key: "Name", Value: "hub" }] },
          { TransitGatewayRouteTableId: lz.spokeTable, TransitGatewayId: lz.tgw, State: "available", DefaultAssociationRouteTable: true, DefaultPropagationRouteTable: true, Tags: [{ Key: "Name", Value: "spokes" }] },
        ],
      }),
      GetTransitGatewayRouteTableAssociations: ok([
        { TransitGatewayRouteTableId: lz.hubTable, Associations: [{ TransitGatewayAttachmentId: lz.hubAttachment, ResourceId: lz.hubVpc, ResourceType: "vpc", State: "associated" }] },
        { TransitGatewayRouteTableId: lz.spokeTable, Associations: [{ TransitGatewayAttachmentId: lz.spokeAAttachment, ResourceId: lz.spokeAVpc, ResourceType: "vpc", State: "associated" }] },
      ]),
      GetTransitGatewayRouteTablePropagations: ok([
        { TransitGatewayRouteTableId: lz.hubTable, TransitGatewayRouteTablePropagations: [{ TransitGatewayAttachmentId: lz.spokeAAttachment, ResourceId: lz.spokeAVpc, ResourceType: "vpc", State: "enabled" }] },
        { TransitGatewayRouteTableId: lz.spokeTable, TransitGatewayRouteTablePropagations: [] },
      ]),
      SearchTransitGatewayRoutes: ok([
        {
          TransitGatewayRouteTableId: lz.hubTable,
          Routes: [
            { DestinationCidrBlock: "10.1.0.0/16", TransitGatewayAttachments: [{ TransitGatewayAttachmentId: lz.spokeAAttachment, ResourceId: lz.spokeAVpc, ResourceType: "vpc" }], Type: "propagated", State: "active" },
          ],
          AdditionalRoutesAvailable: false,
        },
        {
          TransitGatewayRouteTableId: lz.spokeTable,
          Routes: [
            { DestinationCidrBlock: "0.0.0.0/0", TransitGatewayAttachments: [{ TransitGatewayAttachmentId: lz.hubAttachment, ResourceId: lz.hubVpc, ResourceType: "vpc" }], Type: "static", State: "active" },
            { DestinationCidrBlock: "10.9.0.0/16", Type: "static", State: "blackhole" },
            { PrefixListId: "pl-0hubonprem00000001", TransitGatewayAttachments: [{ TransitGatewayAttachmentId: lz.hubAttachment, ResourceId: lz.hubVpc, ResourceType: "vpc" }], Type: "static", State: "active" },
          ],
          AdditionalRoutesAvailable: false,
        },
      ]),
      DescribeVpcPeeringConnections: ok({ VpcPeeringConnections: [peering] }),
      ListHostedZonesByVPC: ok([
        { VPCId: lz.hubVpc, VPCRegion: LZ_REGION, HostedZoneSummaries: [hubZoneSummary, { HostedZoneId: lz.otherZone, Name: "corp.example.", Owner: { OwningAccount: HUB } }] },
      ]),
      ListHostedZones: ok({
        HostedZones: [
          { Id: `/hostedzone/${lz.zone}`, Name: `${kmsHost}.`, CallerReference: "hub-kms-zone", Config: { Comment: "central KMS endpoint", PrivateZone: true }, ResourceRecordSetCount: 3 },
          { Id: `/hostedzone/${lz.otherZone}`, Name: "corp.example.", CallerReference: "hub-corp-zone", Config: { PrivateZone: true }, ResourceRecordSetCount: 2 },
        ],
      }),
      ListResourceRecordSets: ok([
        {
          HostedZoneId: lz.zone,
          ResourceRecordSets: [
            { Name: `${kmsHost}.`, Type: "A", AliasTarget: { HostedZoneId: "Z7HUB0000000000000000", DNSName: `${lz.kmsEndpoint}-abcdefgh.kms.${LZ_REGION}.vpce.amazonaws.com.`, EvaluateTargetHealth: true } },
            { Name: `${kmsHost}.`, Type: "NS", TTL: 172800, ResourceRecords: [{ Value: "ns-0.awsdns-00.com." }] },
            { Name: `${kmsHost}.`, Type: "SOA", TTL: 900, ResourceRecords: [{ Value: "ns-0.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400" }] },
          ],
        },
      ]),
      ListResolverRules: ok({ ResolverRules: [sharedRule] }),
      ListResolverRuleAssociations: ok({
        ResolverRuleAssociations: [{ Id: "rslvr-rrassoc-0hub0000000001", ResolverRuleId: lz.rule, Name: "hub", VPCId: lz.hubVpc, Status: "COMPLETE", StatusMessage: "" }],
      }),
      ListProfiles: ok({ ProfileSummaries: [{ Id: lz.profile, Arn: profileArn, Name: "spokes", ShareStatus: "SHARED_BY_ME" }] }),
      ListProfileResourceAssociations: ok([
        {
          ProfileId: lz.profile,
          ProfileResourceAssociations: [
            {
              Id: "rpr-001-0hub00000000001",
              Name: "kms zone",
              OwnerId: HUB,
              ProfileId: lz.profile,
              ResourceArn: `arn:aws:route53:::hostedzone/${lz.zone}`,
              ResourceType: "PRIVATE_HOSTED_ZONE",
              ResourceProperties: "{}",
              Status: "COMPLETE",
              StatusMessage: "Created Profile Resource Association",
            },
          ],
        },
      ]),
    }),
  };
}

function spokeA(): RegionCalls {
  const d = network(SPOKE_A, lz.spokeAVpc, "10.1.0.0/16", "a00");
  d.routeTables.push(
    routeTable({ RouteTableId: "rtb-0a00000000000001", VpcId: lz.spokeAVpc, OwnerId: SPOKE_A, Routes: [localRoute("10.1.0.0/16"), route({ DestinationCidrBlock: "0.0.0.0/0", TransitGatewayId: lz.tgw })] }, { main: true }),
  );
  d.securityGroups.push(securityGroup({ GroupId: "sg-0a00function000001", GroupName: "fn", VpcId: lz.spokeAVpc, OwnerId: SPOKE_A }));
  d.functions.push(
    lambdaFunction({
      FunctionName: "decrypt-claims",
      FunctionArn: `arn:aws:lambda:${LZ_REGION}:${SPOKE_A}:function:decrypt-claims`,
      Role: `arn:aws:iam::${SPOKE_A}:role/decrypt-claims`,
      VpcConfig: { SubnetIds: ["subnet-0a000000000000a1", "subnet-0a000000000000b1"], SecurityGroupIds: ["sg-0a00function000001"], VpcId: lz.spokeAVpc },
      Environment: { VariableClasses: { SECRET: "kms-ciphertext" } },
      Tags: {},
    }),
  );
  return {
    ...regionCalls(withStates(d)),
    ...landingZoneCalls({
      DescribeTransitGateways: ok({ TransitGateways: [transitGateway] }),
      DescribeTransitGatewayAttachments: ok({ TransitGatewayAttachments: [spokeAAttachment] }),
      DescribeTransitGatewayVpcAttachments: ok({ TransitGatewayVpcAttachments: [spokeAVpcAttachment] }),
      ListHostedZonesByVPC: ok([{ VPCId: lz.spokeAVpc, VPCRegion: LZ_REGION, HostedZoneSummaries: [hubZoneSummary] }]),
      ListResolverRules: ok({ ResolverRules: [{ ...sharedRule, ShareStatus: "SHARED_WITH_ME" }] }),
      ListResolverRuleAssociations: ok({
        ResolverRuleAssociations: [{ Id: "rslvr-rrassoc-0a000000000001", ResolverRuleId: lz.rule, Name: "spoke-a", VPCId: lz.spokeAVpc, Status: "COMPLETE", StatusMessage: "" }],
      }),
      ListProfiles: ok({ ProfileSummaries: [{ Id: lz.profile, Arn: profileArn, Name: "spokes", ShareStatus: "SHARED_WITH_ME" }] }),
      ListProfileAssociations: ok({
        ProfileAssociations: [{ Id: "rpassoc-0a0000000000001", Name: "spoke-a", OwnerId: SPOKE_A, ProfileId: lz.profile, ResourceId: lz.spokeAVpc, Status: "COMPLETE", StatusMessage: "Created Profile Association" }],
      }),
    }),
  };
}

function spokeB(): RegionCalls {
  const d = network(SPOKE_B, lz.spokeBVpc, "10.2.0.0/16", "b00");
  d.routeTables.push(
    routeTable({ RouteTableId: "rtb-0b00000000000001", VpcId: lz.spokeBVpc, OwnerId: SPOKE_B, Routes: [localRoute("10.2.0.0/16"), route({ DestinationCidrBlock: "10.0.0.0/16", VpcPeeringConnectionId: lz.peering })] }, { main: true }),
  );
  return {
    ...regionCalls(withStates(d)),
    ...landingZoneCalls({
      DescribeVpcPeeringConnections: ok({ VpcPeeringConnections: [peering] }),
      ListHostedZonesByVPC: ok([{ VPCId: lz.spokeBVpc, VPCRegion: LZ_REGION, HostedZoneSummaries: [hubZoneSummary] }]),
    }),
  };
}

/** Every account's region calls, keyed by account id. */
export function landingZoneAccounts(): Record<string, Record<string, RegionCalls>> {
  return { [HUB]: { [LZ_REGION]: hub() }, [SPOKE_A]: { [LZ_REGION]: spokeA() }, [SPOKE_B]: { [LZ_REGION]: spokeB() } };
}

export function landingZoneSnapshot(): Snapshot {
  return {
    format: "kms-audit/snapshot",
    version: 1,
    source: { kind: "fixture" },
    accounts: Object.fromEntries(Object.entries(landingZoneAccounts()).map(([account, regions]) => [account, { regions: Object.fromEntries(Object.entries(regions).map(([r, calls]) => [r, { calls }])) }])),
  };
}
