import type { ResourceRecordSet } from "@aws-sdk/client-route-53";
import { addAttachment, addNewTransitGateway, zoneName } from "../parts.js";
import { AfterApply, type Instance } from "./plan.js";
import { defaultTableOf } from "./resolve.js";
import type { TerraformContext } from "./resources.js";

/** Transit gateways, peering, private hosted zones and Route 53 Profile associations: the resources paths across VPCs need. */

type Handler = (ctx: TerraformContext, instance: Instance, id: string) => void;

/** "enable"/"disable" as a boolean (AWS's default when unset), or the unknown text. */
function enabled(ctx: TerraformContext, instance: Instance, attribute: string, fallback: boolean): boolean | string {
  const value = ctx.resolve.text(instance, [attribute]);
  if (value === undefined || (value.startsWith("(unknown") && !ctx.resolve.isConfigured(instance, attribute))) return fallback;
  return value === "enable" ? true : value === "disable" ? false : value;
}

function bool(ctx: TerraformContext, instance: Instance, attribute: string, fallback: boolean): boolean {
  const value = ctx.resolve.text(instance, [attribute]);
  return value === undefined ? fallback : value !== "false";
}

function tableLink(kind: "tgwAssociations" | "tgwPropagations"): Handler {
  return (ctx, instance) => {
    ctx.network[kind].push({ tableId: ctx.resolve.text(instance, ["transit_gateway_route_table_id"]) ?? "", attachmentId: ctx.resolve.text(instance, ["transit_gateway_attachment_id"]) ?? "" });
  };
}

/** Route 53 takes a name outside the zone as relative to it (the provider appends the zone's name). */
function recordName(name: string, zone: string | undefined): string {
  const full = zoneName(name);
  return zone === undefined || full === zone || full.endsWith(`.${zone}`) ? full : `${name}.${zone}`;
}

export const LANDING_HANDLERS: Readonly<Record<string, Handler>> = {
  aws_ec2_transit_gateway: (ctx, instance, id) => {
    const table = (attribute: string) => {
      const value = ctx.resolve.text(instance, [attribute]);
      return value === undefined || value.startsWith("(unknown") ? undefined : value;
    };
    addNewTransitGateway(
      ctx.network,
      id,
      instance.address,
      {
        association: enabled(ctx, instance, "default_route_table_association", true),
        propagation: enabled(ctx, instance, "default_route_table_propagation", true),
        associationTable: table("association_default_route_table_id") ?? defaultTableOf(instance),
        propagationTable: table("propagation_default_route_table_id") ?? defaultTableOf(instance),
        autoAccept: enabled(ctx, instance, "auto_accept_shared_attachments", false),
        dnsSupport: enabled(ctx, instance, "dns_support", true),
        sgReferencing: enabled(ctx, instance, "security_group_referencing_support", false),
      },
      ctx.locationOf(instance),
    );
  },
  aws_ec2_transit_gateway_vpc_attachment: (ctx, instance, id) => {
    const option = (attribute: string) => {
      const value = ctx.resolve.text(instance, [attribute]);
      return value === undefined || (value.startsWith("(unknown") && !ctx.resolve.isConfigured(instance, attribute)) ? undefined : value;
    };
    addAttachment(ctx.network, id, {
      tgwId: ctx.resolve.text(instance, ["transit_gateway_id"]),
      vpcId: ctx.resolve.text(instance, ["vpc_id"]),
      subnetIds: ctx.resolve.list(instance, ["subnet_ids"]) ?? [],
      applianceMode: option("appliance_mode_support"),
      dnsSupport: option("dns_support"),
      sgReferencing: option("security_group_referencing_support"),
    });
    ctx.network.tgwAttachmentDefaults.set(id, {
      association: bool(ctx, instance, "transit_gateway_default_route_table_association", true),
      propagation: bool(ctx, instance, "transit_gateway_default_route_table_propagation", true),
    });
  },
  aws_ec2_transit_gateway_route_table: (ctx, instance, id) => {
    ctx.network.tgwRouteTables.set(id, { TransitGatewayRouteTableId: id, TransitGatewayId: ctx.resolve.text(instance, ["transit_gateway_id"]), State: "available", DefaultAssociationRouteTable: false, DefaultPropagationRouteTable: false });
  },
  aws_ec2_transit_gateway_route: (ctx, instance) => {
    const blackhole = ctx.resolve.text(instance, ["blackhole"]) === "true";
    const attachmentId = ctx.resolve.text(instance, ["transit_gateway_attachment_id"]);
    ctx.network.tgwRoutes.push({
      tableId: ctx.resolve.text(instance, ["transit_gateway_route_table_id"]) ?? "",
      route: {
        DestinationCidrBlock: ctx.resolve.text(instance, ["destination_cidr_block"]),
        Type: "static",
        State: blackhole ? "blackhole" : "active",
        ...(blackhole || attachmentId === undefined || attachmentId === "" ? {} : { TransitGatewayAttachments: [{ TransitGatewayAttachmentId: attachmentId }] }),
      },
    });
  },
  aws_ec2_transit_gateway_route_table_association: tableLink("tgwAssociations"),
  aws_ec2_transit_gateway_route_table_propagation: tableLink("tgwPropagations"),
  aws_vpc_peering_connection: (ctx, instance, id) => {
    const peerOwner = ctx.resolve.text(instance, ["peer_owner_id"]);
    const owner = peerOwner === undefined || peerOwner.startsWith("(unknown") ? ctx.account : peerOwner;
    const peerRegion = ctx.resolve.text(instance, ["peer_region"]);
    // auto_accept works within one account and region; otherwise the peer accepts (aws_vpc_peering_connection_accepter).
    const accepted = ctx.resolve.text(instance, ["auto_accept"]) === "true" && owner === ctx.account;
    ctx.network.peerings.set(id, {
      VpcPeeringConnectionId: id,
      RequesterVpcInfo: { VpcId: ctx.resolve.text(instance, ["vpc_id"]), OwnerId: ctx.account, Region: ctx.region },
      AccepterVpcInfo: { VpcId: ctx.resolve.text(instance, ["peer_vpc_id"]), OwnerId: owner, Region: peerRegion === undefined || peerRegion.startsWith("(unknown") ? ctx.region : peerRegion },
      Status: { Code: accepted ? "active" : "pending-acceptance" },
    });
  },
  aws_vpc_peering_connection_accepter: (ctx, instance) => {
    const id = ctx.resolve.text(instance, ["vpc_peering_connection_id"]);
    if (id !== undefined && ctx.resolve.text(instance, ["auto_accept"]) === "true") ctx.network.peeringAccepts.push(id);
  },
  aws_route53_zone: (ctx, instance, id) => {
    const vpcs = Array.isArray(instance.values.vpc) ? instance.values.vpc.map((_, i) => i) : [];
    // A zone without vpc blocks is public: it answers nothing inside a VPC.
    if (vpcs.length === 0) return;
    ctx.network.hostedZones.set(id, { Id: id, Name: zoneName(ctx.resolve.text(instance, ["name"]) ?? ""), CallerReference: instance.address, Config: { PrivateZone: true } });
    for (const i of vpcs) {
      const region = ctx.resolve.text(instance, ["vpc", i, "vpc_region"]);
      if (region === undefined || region.startsWith("(unknown") || region === ctx.region) ctx.network.zoneAssociations.push({ zoneId: id, vpcId: ctx.resolve.text(instance, ["vpc", i, "vpc_id"]) ?? "" });
    }
  },
  aws_route53_zone_association: (ctx, instance) => {
    const region = ctx.resolve.text(instance, ["vpc_region"]);
    if (region !== undefined && !region.startsWith("(unknown") && region !== ctx.region) return;
    ctx.network.zoneAssociations.push({ zoneId: ctx.resolve.text(instance, ["zone_id"]) ?? "", vpcId: ctx.resolve.text(instance, ["vpc_id"]) ?? "" });
  },
  aws_route53_record: (ctx, instance) => {
    const zoneId = ctx.resolve.text(instance, ["zone_id"]) ?? "";
    const alias = Array.isArray(instance.values.alias) && instance.values.alias.length > 0;
    const records = instance.values.records instanceof AfterApply ? undefined : ctx.resolve.list(instance, ["records"]);
    const setIdentifier = ctx.resolve.text(instance, ["set_identifier"]);
    const record: ResourceRecordSet = {
      Name: recordName(ctx.resolve.text(instance, ["name"]) ?? "", ctx.network.hostedZones.get(zoneId)?.Name),
      Type: ctx.resolve.text(instance, ["type"]) as "A",
      ...(setIdentifier === undefined ? {} : { SetIdentifier: setIdentifier }),
      ...(alias
        ? { AliasTarget: { DNSName: ctx.resolve.text(instance, ["alias", 0, "name"]) ?? "", HostedZoneId: ctx.resolve.text(instance, ["alias", 0, "zone_id"]) ?? "", EvaluateTargetHealth: ctx.resolve.text(instance, ["alias", 0, "evaluate_target_health"]) === "true" } }
        : {}),
      ...(records === undefined || records.length === 0 ? {} : { ResourceRecords: records.map((Value) => ({ Value })) }),
    };
    ctx.network.records.push({ zoneId, record });
  },
  aws_route53profiles_association: (ctx, instance) => {
    ctx.network.profileAssociations.push({ profileId: ctx.resolve.text(instance, ["profile_id"]) ?? "", vpcId: ctx.resolve.text(instance, ["resource_id"]) ?? "" });
  },
};
