/**
 * The landing-zone resources of a synthetic organization, in AWS's shapes: per region, the network (hub) account's
 * transit gateway shared with every spoke, its two route tables (spokes: everything to the hub; hub: a propagated
 * route back to each spoke), a central KMS interface endpoint with private DNS off, and a private hosted zone for
 * kms.<region>.amazonaws.com aliasing it, associated with the spokes' VPCs. Each account's calls hold what that account
 * sees: spokes see the shared gateway and their own attachment, never its route tables or the zone's records.
 */
import type { RegionCalls } from "../../src/snapshot/types.js";
import { noLandingZone } from "../../test/support/landing-zone.js";
import { tcp, allTraffic, wire } from "../../test/support/build.js";
import type { VpcLayout } from "./network.js";
import type { BuildContext } from "./shared.js";

/** What can be wrong with one spoke's way to the hub. */
export type SpokeFault = "zone-not-associated" | "attachment-two-azs" | "no-return-route";

/** A spoke VPC attached to the hub's transit gateway. */
export interface SpokeSite {
  readonly account: string;
  readonly vpcId: string;
  readonly cidr: string;
  readonly attachmentId: string;
  /** One subnet per AZ where the attachment has a network interface. */
  readonly attachmentSubnetIds: readonly string[];
  /** Whether the spoke relies on the hub's endpoint (its own VPC has none): only those get the zone. */
  readonly central: boolean;
  readonly fault?: SpokeFault;
}

/** The hub's side of one region, as the spokes refer to it. */
export interface HubSite {
  readonly account: string;
  readonly region: string;
  readonly transitGatewayId: string;
  readonly vpcId: string;
  readonly attachmentId: string;
  readonly attachmentSubnetIds: readonly string[];
  readonly spokeTableId: string;
  readonly hubTableId: string;
  readonly zoneId: string;
  readonly zoneName: string;
  readonly endpointDnsName: string;
}

const ENDPOINT_ZONE = "Z7HUBVPCE0000000000000";

function ok<T>(data: T) {
  return { status: "ok" as const, data };
}

/** The central KMS endpoint (private DNS off, admitting 443 from every spoke) and the hub's routes back to the spokes. */
export function buildHub(ctx: BuildContext, layout: VpcLayout, regionIndex: number): HubSite {
  const { ids, data, account, shared } = ctx;
  const region = shared.region;
  for (const table of data.routeTables.filter((t) => t.VpcId === layout.vpcId)) {
    table.Routes = [...(table.Routes ?? []), { DestinationCidrBlock: "10.0.0.0/8", TransitGatewayId: shared.transitGatewayId, State: "active", Origin: "CreateRoute" }];
  }
  const groupId = ids.next("sg");
  data.securityGroups.push({
    GroupId: groupId,
    GroupName: "central-kms-endpoint",
    Description: "central KMS endpoint (synthetic)",
    VpcId: layout.vpcId,
    OwnerId: account,
    IpPermissions: [tcp.fromCidr(443, "10.0.0.0/8")],
    IpPermissionsEgress: [allTraffic()],
    Tags: [{ Key: "Name", Value: "central-kms-endpoint" }],
  });
  const endpointId = ids.next("vpce");
  const endpointDnsName = `${endpointId}-hub.kms.${region}.vpce.amazonaws.com`;
  data.vpcEndpoints.push({
    VpcEndpointId: endpointId,
    VpcEndpointType: "Interface",
    VpcId: layout.vpcId,
    ServiceName: `com.amazonaws.${region}.kms`,
    State: wire("available"),
    PolicyDocument: JSON.stringify({ Statement: [{ Action: "*", Effect: "Allow", Principal: "*", Resource: "*" }] }),
    RouteTableIds: [],
    SubnetIds: [...layout.subnets.endpoint],
    Groups: [{ GroupId: groupId, GroupName: "central-kms-endpoint" }],
    IpAddressType: "ipv4",
    DnsOptions: { DnsRecordIpType: "ipv4" },
    PrivateDnsEnabled: false,
    RequesterManaged: false,
    NetworkInterfaceIds: layout.subnets.endpoint.map(() => ids.next("eni")),
    DnsEntries: [{ DnsName: endpointDnsName, HostedZoneId: ENDPOINT_ZONE }],
    CreationTimestamp: new Date(Date.UTC(2025, 0, 1)),
    OwnerId: account,
    Tags: [{ Key: "Name", Value: "central-kms" }],
  });
  return {
    account,
    region,
    transitGatewayId: shared.transitGatewayId,
    vpcId: layout.vpcId,
    attachmentId: ids.next("tgw-attach"),
    attachmentSubnetIds: [...layout.subnets.app],
    spokeTableId: ids.next("tgw-rtb"),
    hubTableId: ids.next("tgw-rtb"),
    zoneId: `Z${String(regionIndex + 1).padStart(2, "0")}HUBKMS`.padEnd(21, "0"),
    zoneName: `kms.${region}.amazonaws.com.`,
    endpointDnsName,
  };
}

function transitGateway(hub: HubSite) {
  return {
    TransitGatewayId: hub.transitGatewayId,
    TransitGatewayArn: `arn:aws:ec2:${hub.region}:${hub.account}:transit-gateway/${hub.transitGatewayId}`,
    State: "available" as const,
    OwnerId: hub.account,
    Description: "network hub",
    Options: {
      AmazonSideAsn: 64512,
      AutoAcceptSharedAttachments: "enable" as const,
      DefaultRouteTableAssociation: "enable" as const,
      AssociationDefaultRouteTableId: hub.spokeTableId,
      DefaultRouteTablePropagation: "disable" as const,
      PropagationDefaultRouteTableId: hub.hubTableId,
      VpnEcmpSupport: "enable" as const,
      DnsSupport: "enable" as const,
      SecurityGroupReferencingSupport: "disable" as const,
      MulticastSupport: "disable" as const,
    },
    Tags: [{ Key: "Name", Value: "hub" }],
  };
}

function attachment(hub: HubSite, id: string, vpcId: string, owner: string, table: string) {
  return {
    TransitGatewayAttachmentId: id,
    TransitGatewayId: hub.transitGatewayId,
    TransitGatewayOwnerId: hub.account,
    ResourceOwnerId: owner,
    ResourceType: "vpc" as const,
    ResourceId: vpcId,
    State: "available" as const,
    Association: { TransitGatewayRouteTableId: table, State: "associated" as const },
    Tags: [],
  };
}

function vpcAttachment(hub: HubSite, id: string, vpcId: string, owner: string, subnetIds: readonly string[], applianceMode: "enable" | "disable") {
  return {
    TransitGatewayAttachmentId: id,
    TransitGatewayId: hub.transitGatewayId,
    VpcId: vpcId,
    VpcOwnerId: owner,
    State: "available" as const,
    SubnetIds: [...subnetIds],
    Options: { DnsSupport: "enable" as const, SecurityGroupReferencingSupport: "disable" as const, Ipv6Support: "disable" as const, ApplianceModeSupport: applianceMode },
    Tags: [],
  };
}

function zoneSummary(hub: HubSite) {
  return { HostedZoneId: hub.zoneId, Name: hub.zoneName, Owner: { OwningAccount: hub.account } };
}

const vpcRef = (id: string, vpcId: string) => ({ TransitGatewayAttachmentId: id, ResourceId: vpcId, ResourceType: "vpc" as const });

/** The hub account's landing-zone calls in one region; `hubs` are every region's (ListHostedZones is global). */
export function hubCalls(hub: HubSite, spokes: readonly SpokeSite[], hubs: readonly HubSite[]): RegionCalls {
  const returning = spokes.filter((s) => s.fault !== "no-return-route");
  return {
    ...noLandingZone(hub.region, [hub.vpcId]),
    DescribeTransitGateways: ok({ TransitGateways: [transitGateway(hub)] }),
    DescribeTransitGatewayAttachments: ok({
      TransitGatewayAttachments: [attachment(hub, hub.attachmentId, hub.vpcId, hub.account, hub.hubTableId), ...spokes.map((s) => attachment(hub, s.attachmentId, s.vpcId, s.account, hub.spokeTableId))],
    }),
    DescribeTransitGatewayVpcAttachments: ok({
      TransitGatewayVpcAttachments: [
        vpcAttachment(hub, hub.attachmentId, hub.vpcId, hub.account, hub.attachmentSubnetIds, "enable"),
        ...spokes.map((s) => vpcAttachment(hub, s.attachmentId, s.vpcId, s.account, s.attachmentSubnetIds, "disable")),
      ],
    }),
    DescribeTransitGatewayRouteTables: ok({
      TransitGatewayRouteTables: [
        { TransitGatewayRouteTableId: hub.spokeTableId, TransitGatewayId: hub.transitGatewayId, State: "available", DefaultAssociationRouteTable: true, DefaultPropagationRouteTable: false, Tags: [{ Key: "Name", Value: "spokes" }] },
        { TransitGatewayRouteTableId: hub.hubTableId, TransitGatewayId: hub.transitGatewayId, State: "available", DefaultAssociationRouteTable: false, DefaultPropagationRouteTable: true, Tags: [{ Key: "Name", Value: "hub" }] },
      ],
    }),
    GetTransitGatewayRouteTableAssociations: ok([
      { TransitGatewayRouteTableId: hub.spokeTableId, Associations: spokes.map((s) => ({ ...vpcRef(s.attachmentId, s.vpcId), State: "associated" as const })) },
      { TransitGatewayRouteTableId: hub.hubTableId, Associations: [{ ...vpcRef(hub.attachmentId, hub.vpcId), State: "associated" as const }] },
    ]),
    GetTransitGatewayRouteTablePropagations: ok([
      { TransitGatewayRouteTableId: hub.spokeTableId, TransitGatewayRouteTablePropagations: [] },
      { TransitGatewayRouteTableId: hub.hubTableId, TransitGatewayRouteTablePropagations: returning.map((s) => ({ ...vpcRef(s.attachmentId, s.vpcId), State: "enabled" as const })) },
    ]),
    SearchTransitGatewayRoutes: ok([
      {
        TransitGatewayRouteTableId: hub.spokeTableId,
        Routes: [
          { DestinationCidrBlock: "0.0.0.0/0", TransitGatewayAttachments: [vpcRef(hub.attachmentId, hub.vpcId)], Type: "static" as const, State: "active" as const },
          { DestinationCidrBlock: "192.168.0.0/16", Type: "static" as const, State: "blackhole" as const },
        ],
        AdditionalRoutesAvailable: false,
      },
      {
        TransitGatewayRouteTableId: hub.hubTableId,
        Routes: returning.map((s) => ({ DestinationCidrBlock: s.cidr, TransitGatewayAttachments: [vpcRef(s.attachmentId, s.vpcId)], Type: "propagated" as const, State: "active" as const })),
        AdditionalRoutesAvailable: false,
      },
    ]),
    ListHostedZonesByVPC: ok([{ VPCId: hub.vpcId, VPCRegion: hub.region, HostedZoneSummaries: [zoneSummary(hub)] }]),
    ListHostedZones: ok({
      HostedZones: hubs.map((h) => ({ Id: `/hostedzone/${h.zoneId}`, Name: h.zoneName, CallerReference: `central-kms-${h.region}`, Config: { Comment: "central KMS endpoint", PrivateZone: true }, ResourceRecordSetCount: 3 })),
    }),
    ListResourceRecordSets: ok([
      {
        HostedZoneId: hub.zoneId,
        ResourceRecordSets: [
          { Name: hub.zoneName, Type: "A" as const, AliasTarget: { HostedZoneId: ENDPOINT_ZONE, DNSName: `${hub.endpointDnsName}.`, EvaluateTargetHealth: true } },
          { Name: hub.zoneName, Type: "NS" as const, TTL: 172800, ResourceRecords: [{ Value: "ns-0.awsdns-00.com." }] },
          { Name: hub.zoneName, Type: "SOA" as const, TTL: 900, ResourceRecords: [{ Value: "ns-0.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400" }] },
        ],
      },
    ]),
  };
}

/** A spoke's landing-zone calls in one region: the shared gateway, its own attachment, the hub's zone where associated. */
export function spokeCalls(hub: HubSite, spoke: SpokeSite): RegionCalls {
  const associated = spoke.central && spoke.fault !== "zone-not-associated";
  return {
    ...noLandingZone(hub.region, [spoke.vpcId]),
    DescribeTransitGateways: ok({ TransitGateways: [transitGateway(hub)] }),
    DescribeTransitGatewayAttachments: ok({ TransitGatewayAttachments: [attachment(hub, spoke.attachmentId, spoke.vpcId, spoke.account, hub.spokeTableId)] }),
    DescribeTransitGatewayVpcAttachments: ok({ TransitGatewayVpcAttachments: [vpcAttachment(hub, spoke.attachmentId, spoke.vpcId, spoke.account, spoke.attachmentSubnetIds, "disable")] }),
    ListHostedZonesByVPC: ok([{ VPCId: spoke.vpcId, VPCRegion: hub.region, HostedZoneSummaries: associated ? [zoneSummary(hub)] : [] }]),
  };
}
