import type { ResourceRecordSet } from "@aws-sdk/client-route-53";
import { addAttachment, addNewTransitGateway, zoneName } from "../parts.js";
import { fieldBoolean, fieldList, fieldText, Unknown } from "./intrinsics.js";
import type { Handler } from "./resources.js";
import type { StackContext } from "./stack.js";

/** Transit gateways, peering, private hosted zones and Route 53 Profile associations: the resources paths across VPCs need. */

type Props = Record<string, unknown>;
const text = (value: unknown) => fieldText(value);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Unknown);
}

/** "enable"/"disable" as a boolean where known (AWS's default when unset), else the unknown text. */
function enabled(value: unknown, fallback: boolean): boolean | string {
  const given = text(value);
  return given === undefined ? fallback : given === "enable" ? true : given === "disable" ? false : given;
}

const attachment: Handler = (ctx, resource, props) => {
  const options = isRecord(props.Options) ? props.Options : {};
  addAttachment(
    ctx.network,
    ctx.id(resource.logicalId),
    { tgwId: text(props.TransitGatewayId), vpcId: text(props.VpcId), subnetIds: fieldList(props.SubnetIds) ?? [], applianceMode: text(options.ApplianceModeSupport), dnsSupport: text(options.DnsSupport), sgReferencing: text(options.SecurityGroupReferencingSupport) },
    resource.location,
  );
};

function tableLink(ctx: StackContext, props: Props, kind: "tgwAssociations" | "tgwPropagations"): void {
  const tableId = text(props.TransitGatewayRouteTableId) ?? "";
  ctx.network[kind].push({ tableId, attachmentId: text(props.TransitGatewayAttachmentId) ?? "" });
}

/** A record set as ListResourceRecordSets shows it; the alias target of an endpoint (`!GetAtt E.DnsEntries`) stays unknown until deploy. */
function recordSet(props: Props): ResourceRecordSet {
  const alias = isRecord(props.AliasTarget) ? props.AliasTarget : undefined;
  const values = fieldList(props.ResourceRecords);
  const setIdentifier = text(props.SetIdentifier);
  return {
    Name: zoneName(text(props.Name) ?? ""),
    Type: text(props.Type) as "A",
    ...(setIdentifier === undefined ? {} : { SetIdentifier: setIdentifier }),
    ...(alias === undefined ? {} : { AliasTarget: { DNSName: text(alias.DNSName) ?? "", HostedZoneId: text(alias.HostedZoneId) ?? "", EvaluateTargetHealth: fieldBoolean(alias.EvaluateTargetHealth, false) } }),
    ...(values === undefined ? {} : { ResourceRecords: values.map((Value) => ({ Value })) }),
  };
}

/** HostedZoneId, or the zone of this template named HostedZoneName. */
function zoneOf(ctx: StackContext, props: Props): string | undefined {
  const id = text(props.HostedZoneId);
  if (id !== undefined) return id.replace(/^\/hostedzone\//, "");
  const name = text(props.HostedZoneName);
  return [...ctx.network.hostedZones].find(([, zone]) => name !== undefined && zone.Name === zoneName(name))?.[0] ?? name;
}

export const LANDING_HANDLERS: Readonly<Record<string, Handler>> = {
  "AWS::EC2::TransitGateway": (ctx, resource, props) => {
    addNewTransitGateway(
      ctx.network,
      ctx.id(resource.logicalId),
      ctx.name(resource.logicalId),
      {
        association: enabled(props.DefaultRouteTableAssociation, true),
        propagation: enabled(props.DefaultRouteTablePropagation, true),
        associationTable: text(props.AssociationDefaultRouteTableId),
        propagationTable: text(props.PropagationDefaultRouteTableId),
        autoAccept: enabled(props.AutoAcceptSharedAttachments, false),
        dnsSupport: enabled(props.DnsSupport, true),
        sgReferencing: enabled(props.SecurityGroupReferencingSupport, false),
      },
      resource.location,
    );
  },
  "AWS::EC2::TransitGatewayVpcAttachment": attachment,
  "AWS::EC2::TransitGatewayAttachment": attachment,
  "AWS::EC2::TransitGatewayRouteTable": (ctx, resource, props) => {
    const id = ctx.id(resource.logicalId);
    ctx.network.tgwRouteTables.set(id, { TransitGatewayRouteTableId: id, TransitGatewayId: text(props.TransitGatewayId), State: "available", DefaultAssociationRouteTable: false, DefaultPropagationRouteTable: false });
    ctx.network.locate(id, resource.location);
  },
  "AWS::EC2::TransitGatewayRoute": (ctx, resource, props) => {
    const tableId = text(props.TransitGatewayRouteTableId) ?? "";
    const blackhole = fieldBoolean(props.Blackhole, false) === true;
    const attachmentId = text(props.TransitGatewayAttachmentId);
    ctx.network.tgwRoutes.push({
      tableId,
      route: { DestinationCidrBlock: text(props.DestinationCidrBlock), Type: "static", State: blackhole ? "blackhole" : "active", ...(blackhole || attachmentId === undefined ? {} : { TransitGatewayAttachments: [{ TransitGatewayAttachmentId: attachmentId }] }) },
    });
    ctx.network.locate(tableId, resource.location);
  },
  "AWS::EC2::TransitGatewayRouteTableAssociation": (ctx, _resource, props) => tableLink(ctx, props, "tgwAssociations"),
  "AWS::EC2::TransitGatewayRouteTablePropagation": (ctx, _resource, props) => tableLink(ctx, props, "tgwPropagations"),
  "AWS::EC2::VPCPeeringConnection": (ctx, resource, props) => {
    const id = ctx.id(resource.logicalId);
    const peerOwner = text(props.PeerOwnerId) ?? ctx.account;
    // CloudFormation accepts a peering within the account, or with the peer's role (PeerRoleArn); otherwise the peer must.
    const accepted = peerOwner === ctx.account || props.PeerRoleArn !== undefined;
    ctx.network.peerings.set(id, {
      VpcPeeringConnectionId: id,
      RequesterVpcInfo: { VpcId: text(props.VpcId), OwnerId: ctx.account, Region: ctx.region },
      AccepterVpcInfo: { VpcId: text(props.PeerVpcId), OwnerId: peerOwner, Region: text(props.PeerRegion) ?? ctx.region },
      Status: { Code: accepted ? "active" : "pending-acceptance" },
    });
    ctx.network.locate(id, resource.location);
  },
  "AWS::Route53::HostedZone": (ctx, resource, props) => {
    const vpcs = Array.isArray(props.VPCs) ? props.VPCs.filter(isRecord) : [];
    // A zone without VPCs is public: it answers nothing inside a VPC.
    if (vpcs.length === 0) return;
    const id = ctx.id(resource.logicalId);
    const comment = isRecord(props.HostedZoneConfig) ? text(props.HostedZoneConfig.Comment) : undefined;
    ctx.network.hostedZones.set(id, { Id: id, Name: zoneName(text(props.Name) ?? ""), CallerReference: ctx.name(resource.logicalId), Config: { PrivateZone: true, ...(comment === undefined ? {} : { Comment: comment }) } });
    for (const vpc of vpcs) {
      const region = text(vpc.VPCRegion);
      if (region === undefined || region === ctx.region) ctx.network.zoneAssociations.push({ zoneId: id, vpcId: text(vpc.VPCId) ?? "" });
    }
    ctx.network.locate(id, resource.location);
  },
  "AWS::Route53::RecordSet": (ctx, resource, props) => {
    const zoneId = zoneOf(ctx, props) ?? "";
    ctx.network.records.push({ zoneId, record: recordSet(props) });
    ctx.network.locate(zoneId, resource.location);
  },
  "AWS::Route53::RecordSetGroup": (ctx, resource, props) => {
    const zoneId = zoneOf(ctx, props) ?? "";
    for (const set of Array.isArray(props.RecordSets) ? props.RecordSets.filter(isRecord) : []) ctx.network.records.push({ zoneId, record: recordSet(set) });
    ctx.network.locate(zoneId, resource.location);
  },
  "AWS::Route53Profiles::ProfileAssociation": (ctx, _resource, props) => {
    ctx.network.profileAssociations.push({ profileId: text(props.ProfileId) ?? "", vpcId: text(props.ResourceId) ?? "" });
  },
};
