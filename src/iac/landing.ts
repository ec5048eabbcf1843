import type { TransitGateway, TransitGatewayAttachment, TransitGatewayRoute, TransitGatewayVpcAttachment, Vpc, VpcPeeringConnection } from "@aws-sdk/client-ec2";
import type { HostedZoneSummary } from "@aws-sdk/client-route-53";
import { LANDING_ZONE_CALLS, type CallRecord, type RegionCalls } from "../snapshot/types.js";
import type { PlannedNetwork } from "./planned.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Calls = Mutable<RegionCalls>;
// The calls are JSON copies made for this change (their AWS types are read-only): edited as plain data.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every account's calls in the region the change deploys to; `edit` copies an account's landing-zone calls on first use. */
export interface RegionAccounts {
  readonly accounts: readonly string[];
  read(account: string): RegionCalls | undefined;
  edit(account: string): Calls | undefined;
}

export const LANDING_CALLS: ReadonlySet<string> = new Set(LANDING_ZONE_CALLS);

/** The data of an ok call (a gap stays a gap: its data is not known, and nothing is added to it). */
function data(calls: RegionCalls | undefined, call: keyof RegionCalls): Json {
  const record = calls?.[call] as CallRecord<unknown> | undefined;
  return record?.status === "ok" ? (record.data as Json) : undefined;
}

/** The per-id item of a per-resource call (`[{ TransitGatewayRouteTableId, Routes }]`), created when missing. */
function itemFor(list: Json[] | undefined, key: string, id: string, empty: () => Json): Json | undefined {
  if (list === undefined) return undefined;
  let item = list.find((i) => i[key] === id);
  if (item === undefined) {
    item = { [key]: id, ...empty() };
    list.push(item);
  }
  return item;
}

function upsert<T>(list: T[] | undefined, item: T, same: (a: T) => boolean): void {
  if (list === undefined) return;
  const at = list.findIndex(same);
  if (at >= 0) list[at] = item;
  else list.push(item);
}

/**
 * The planned transit gateways, attachments, route tables and routes, peering connections, private hosted zones, their
 * records and VPC associations, and Route 53 Profile associations, laid over the region's data of every account: what
 * only a gateway's owner can read (its route tables, associations, propagated routes) lands in the owner's data, as AWS
 * records it there once the change deploys.
 */
export function assembleLanding(network: PlannedNetwork, account: string, region: string, all: RegionAccounts): void {
  const own = () => all.edit(account);
  const deleted = network.deleted;
  const find = <T>(call: keyof RegionCalls, pick: (d: Json) => T[] | undefined, match: (item: T) => boolean): { item: T; account: string } | undefined => {
    for (const other of [account, ...all.accounts.filter((a) => a !== account)]) {
      const item = pick(data(all.read(other), call))?.find(match);
      if (item !== undefined) return { item, account: other };
    }
    return undefined;
  };
  const vpc = (vpcId: string) => find<Vpc>("DescribeVpcs", (d) => d?.Vpcs, (v) => v.VpcId === vpcId);
  const vpcOwner = (vpcId: string) => vpc(vpcId)?.item.OwnerId ?? vpc(vpcId)?.account ?? account;
  const cidrsOf = (vpcId: string): string[] => {
    const found = vpc(vpcId)?.item;
    return [...new Set([found?.CidrBlock, ...(found?.CidrBlockAssociationSet ?? []).map((a) => a.CidrBlock)].filter((c): c is string => c !== undefined))];
  };
  const gateway = (tgwId: string): TransitGateway | undefined =>
    find<TransitGateway>("DescribeTransitGateways", (d) => d?.TransitGateways, (g) => g.TransitGatewayId === tgwId && (g.OwnerId === undefined || g.OwnerId === account))?.item ??
    find<TransitGateway>("DescribeTransitGateways", (d) => d?.TransitGateways, (g) => g.TransitGatewayId === tgwId)?.item;
  /** The account whose data describes a transit gateway route table: its gateway's owner. */
  const tableOwner = (tableId: string): string => {
    if (network.tgwRouteTables.has(tableId)) return account;
    const found = find<{ TransitGatewayRouteTableId?: string; TransitGatewayId?: string }>("DescribeTransitGatewayRouteTables", (d) => d?.TransitGatewayRouteTables, (t) => t.TransitGatewayRouteTableId === tableId);
    return found?.account ?? account;
  };
  const attachmentVpc = (attachmentId: string): string | undefined =>
    network.tgwAttachments.get(attachmentId)?.VpcId ?? find<TransitGatewayVpcAttachment>("DescribeTransitGatewayVpcAttachments", (d) => d?.TransitGatewayVpcAttachments, (a) => a.TransitGatewayAttachmentId === attachmentId)?.item.VpcId;

  // What the change deletes goes from every account's view of it (Terraform delete actions).
  if (deleted.size > 0) {
    const lists: [keyof RegionCalls, string, string][] = [
      ["DescribeTransitGateways", "TransitGateways", "TransitGatewayId"],
      ["DescribeTransitGatewayAttachments", "TransitGatewayAttachments", "TransitGatewayAttachmentId"],
      ["DescribeTransitGatewayVpcAttachments", "TransitGatewayVpcAttachments", "TransitGatewayAttachmentId"],
      ["DescribeTransitGatewayRouteTables", "TransitGatewayRouteTables", "TransitGatewayRouteTableId"],
      ["DescribeVpcPeeringConnections", "VpcPeeringConnections", "VpcPeeringConnectionId"],
    ];
    for (const holder of all.accounts) {
      for (const [call, key, id] of lists) {
        if (!(data(all.read(holder), call)?.[key] ?? []).some((item: Json) => deleted.has(item[id]))) continue;
        const list = data(all.edit(holder), call);
        list[key] = list[key].filter((item: Json) => !deleted.has(item[id]));
      }
    }
  }
  for (const { zoneId, vpcId } of network.deletedZoneAssociations) {
    for (const record of data(all.edit(vpcOwner(vpcId)), "ListHostedZonesByVPC") ?? []) {
      if (record.VPCId === vpcId) record.HostedZoneSummaries = record.HostedZoneSummaries.filter((s: Json) => s.HostedZoneId !== zoneId);
    }
  }

  // Transit gateways and their route tables: the change's account owns what it creates.
  for (const [id, planned] of network.transitGateways) {
    upsert(data(own(), "DescribeTransitGateways")?.TransitGateways, { ...planned, OwnerId: account, TransitGatewayArn: `arn:aws:ec2:${region}:${account}:transit-gateway/${id}` }, (g: Json) => g.TransitGatewayId === id);
  }
  for (const [id, table] of network.tgwRouteTables) {
    const calls = own();
    upsert(data(calls, "DescribeTransitGatewayRouteTables")?.TransitGatewayRouteTables, table, (t: Json) => t.TransitGatewayRouteTableId === id);
    itemFor(data(calls, "GetTransitGatewayRouteTableAssociations"), "TransitGatewayRouteTableId", id, () => ({ Associations: [] }));
    itemFor(data(calls, "GetTransitGatewayRouteTablePropagations"), "TransitGatewayRouteTableId", id, () => ({ TransitGatewayRouteTablePropagations: [] }));
    itemFor(data(calls, "SearchTransitGatewayRoutes"), "TransitGatewayRouteTableId", id, () => ({ Routes: [], AdditionalRoutesAvailable: false }));
  }

  // VPC attachments, in the VPC owner's data and the gateway owner's; AWS associates and propagates them by the gateway's defaults.
  const associations = [...network.tgwAssociations];
  const propagations = [...network.tgwPropagations];
  for (const [id, planned] of network.tgwAttachments) {
    const tgwId = planned.TransitGatewayId ?? "";
    const tgw = gateway(tgwId);
    const owner = tgw?.OwnerId ?? account;
    const state = owner !== account && tgw?.Options?.AutoAcceptSharedAttachments === "disable" ? "pendingAcceptance" : "available";
    const vpcAttachment: TransitGatewayVpcAttachment = { ...planned, VpcOwnerId: account, State: state };
    const attachment: TransitGatewayAttachment = { TransitGatewayAttachmentId: id, TransitGatewayId: tgwId, TransitGatewayOwnerId: owner, ResourceOwnerId: account, ResourceType: "vpc", ResourceId: planned.VpcId, State: state };
    for (const holder of new Set([account, owner])) {
      const calls = all.edit(holder);
      upsert(data(calls, "DescribeTransitGatewayVpcAttachments")?.TransitGatewayVpcAttachments, structuredClone(vpcAttachment), (a: Json) => a.TransitGatewayAttachmentId === id);
      upsert(data(calls, "DescribeTransitGatewayAttachments")?.TransitGatewayAttachments, structuredClone(attachment), (a: Json) => a.TransitGatewayAttachmentId === id);
    }
    const defaults = network.tgwAttachmentDefaults.get(id) ?? { association: true, propagation: true };
    const explicit = associations.some((a) => a.attachmentId === id);
    if (defaults.association && !explicit && tgw?.Options?.DefaultRouteTableAssociation === "enable" && tgw.Options.AssociationDefaultRouteTableId !== undefined) associations.push({ tableId: tgw.Options.AssociationDefaultRouteTableId, attachmentId: id });
    if (defaults.propagation && tgw?.Options?.DefaultRouteTablePropagation === "enable" && tgw.Options.PropagationDefaultRouteTableId !== undefined) propagations.push({ tableId: tgw.Options.PropagationDefaultRouteTableId, attachmentId: id });
  }

  for (const { tableId, attachmentId } of associations) {
    const owner = tableOwner(tableId);
    const calls = all.edit(owner);
    const vpcId = attachmentVpc(attachmentId);
    // An attachment is associated with one route table.
    for (const record of data(calls, "GetTransitGatewayRouteTableAssociations") ?? []) record.Associations = record.Associations.filter((a: Json) => a.TransitGatewayAttachmentId !== attachmentId);
    itemFor(data(calls, "GetTransitGatewayRouteTableAssociations"), "TransitGatewayRouteTableId", tableId, () => ({ Associations: [] }))?.Associations.push({ TransitGatewayAttachmentId: attachmentId, ResourceId: vpcId, ResourceType: "vpc", State: "associated" });
    for (const holder of new Set([account, owner])) {
      for (const attachment of data(all.edit(holder), "DescribeTransitGatewayAttachments")?.TransitGatewayAttachments ?? []) {
        if (attachment.TransitGatewayAttachmentId === attachmentId) attachment.Association = { TransitGatewayRouteTableId: tableId, State: "associated" };
      }
    }
  }
  for (const { tableId, attachmentId } of propagations) {
    const calls = all.edit(tableOwner(tableId));
    const vpcId = attachmentVpc(attachmentId);
    const target = [{ TransitGatewayAttachmentId: attachmentId, ResourceId: vpcId, ResourceType: "vpc" }];
    itemFor(data(calls, "GetTransitGatewayRouteTablePropagations"), "TransitGatewayRouteTableId", tableId, () => ({ TransitGatewayRouteTablePropagations: [] }))?.TransitGatewayRouteTablePropagations.push({ ...target[0], State: "enabled" });
    const routes = itemFor(data(calls, "SearchTransitGatewayRoutes"), "TransitGatewayRouteTableId", tableId, () => ({ Routes: [], AdditionalRoutesAvailable: false }));
    for (const cidr of vpcId === undefined ? [] : cidrsOf(vpcId)) routes?.Routes.push({ DestinationCidrBlock: cidr, TransitGatewayAttachments: target, Type: "propagated", State: "active" });
  }
  for (const { tableId, route } of network.tgwRoutes) {
    const routes = itemFor(data(all.edit(tableOwner(tableId)), "SearchTransitGatewayRoutes"), "TransitGatewayRouteTableId", tableId, () => ({ Routes: [], AdditionalRoutesAvailable: false }));
    if (routes === undefined) continue;
    const attachmentId = route.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId;
    const complete: TransitGatewayRoute = attachmentId === undefined ? route : { ...route, TransitGatewayAttachments: [{ TransitGatewayAttachmentId: attachmentId, ResourceId: attachmentVpc(attachmentId), ResourceType: "vpc" }] };
    routes.Routes = [...routes.Routes.filter((r: Json) => !(r.Type === "static" && r.DestinationCidrBlock === route.DestinationCidrBlock)), complete];
  }

  // Peering connections, with both sides' CIDRs as AWS describes them; listed by each account involved.
  for (const [id, planned] of network.peerings) {
    const sides = (info: VpcPeeringConnection["RequesterVpcInfo"]) => {
      const cidrs = info?.VpcId === undefined ? [] : cidrsOf(info.VpcId);
      return { ...info, ...(cidrs[0] === undefined ? {} : { CidrBlock: cidrs[0], CidrBlockSet: cidrs.map((CidrBlock) => ({ CidrBlock })) }) };
    };
    const status = network.peeringAccepts.includes(id) ? "active" : (planned.Status?.Code ?? "pending-acceptance");
    const peering = { ...planned, RequesterVpcInfo: sides(planned.RequesterVpcInfo), AccepterVpcInfo: sides(planned.AccepterVpcInfo), Status: { Code: status } } as VpcPeeringConnection;
    for (const holder of new Set([account, planned.AccepterVpcInfo?.OwnerId ?? account])) {
      upsert(data(all.edit(holder), "DescribeVpcPeeringConnections")?.VpcPeeringConnections, structuredClone(peering), (p: Json) => p.VpcPeeringConnectionId === id);
    }
  }
  for (const id of network.peeringAccepts.filter((a) => !network.peerings.has(a))) {
    for (const holder of all.accounts) for (const peering of data(all.read(holder), "DescribeVpcPeeringConnections")?.VpcPeeringConnections ?? []) {
      if (peering.VpcPeeringConnectionId === id) for (const mine of data(all.edit(holder), "DescribeVpcPeeringConnections").VpcPeeringConnections) if (mine.VpcPeeringConnectionId === id) mine.Status = { Code: "active" };
    }
  }

  // Private hosted zones: the zone in its owner's data, its records where the owner reads them, associations in each VPC owner's.
  const zoneOwner = (zoneId: string): string | undefined => {
    if (network.hostedZones.has(zoneId)) return account;
    return find<{ Id?: string }>("ListHostedZones", (d) => d?.HostedZones, (z) => (z.Id ?? "").replace(/^\/hostedzone\//, "") === zoneId)?.account;
  };
  const summaryOf = (zoneId: string): HostedZoneSummary => {
    const planned = network.hostedZones.get(zoneId);
    if (planned !== undefined) return { HostedZoneId: zoneId, Name: planned.Name, Owner: { OwningAccount: account } };
    const listed = find<{ Id?: string; Name?: string }>("ListHostedZones", (d) => d?.HostedZones, (z) => (z.Id ?? "").replace(/^\/hostedzone\//, "") === zoneId);
    if (listed !== undefined) return { HostedZoneId: zoneId, Name: listed.item.Name, Owner: { OwningAccount: listed.account } };
    const seen = find<HostedZoneSummary>("ListHostedZonesByVPC", (d) => (d as Json[] | undefined)?.flatMap((r) => r.HostedZoneSummaries), (s) => s.HostedZoneId === zoneId);
    return seen?.item ?? ({ HostedZoneId: zoneId } as HostedZoneSummary);
  };
  for (const [id, zone] of network.hostedZones) {
    const calls = own();
    upsert(data(calls, "ListHostedZones")?.HostedZones, { ...zone, Id: `/hostedzone/${id}` }, (z: Json) => z.Id === `/hostedzone/${id}`);
    itemFor(data(calls, "ListResourceRecordSets"), "HostedZoneId", id, () => ({ ResourceRecordSets: [] }));
  }
  for (const { zoneId, record } of network.records) {
    const holder = zoneOwner(zoneId) ?? find<{ HostedZoneId: string }>("ListResourceRecordSets", (d) => d, (r) => r.HostedZoneId === zoneId)?.account ?? account;
    const sets = itemFor(data(all.edit(holder), "ListResourceRecordSets"), "HostedZoneId", zoneId, () => ({ ResourceRecordSets: [] }));
    if (sets !== undefined) sets.ResourceRecordSets = [...sets.ResourceRecordSets.filter((r: Json) => !(r.Name === record.Name && r.Type === record.Type && r.SetIdentifier === record.SetIdentifier)), record];
  }
  // A VPC the change creates is associated with the zones it names and no other.
  for (const vpcId of network.vpcs.keys()) {
    if (!deleted.has(vpcId)) itemFor(data(own(), "ListHostedZonesByVPC"), "VPCId", vpcId, () => ({ VPCRegion: region, HostedZoneSummaries: [] }));
  }
  for (const { zoneId, vpcId } of network.zoneAssociations) {
    const record = itemFor(data(all.edit(vpcOwner(vpcId)), "ListHostedZonesByVPC"), "VPCId", vpcId, () => ({ VPCRegion: region, HostedZoneSummaries: [] }));
    if (record !== undefined && !record.HostedZoneSummaries.some((s: Json) => s.HostedZoneId === zoneId)) record.HostedZoneSummaries.push(summaryOf(zoneId));
  }
  for (const { profileId, vpcId } of network.profileAssociations) {
    const list = data(all.edit(vpcOwner(vpcId)), "ListProfileAssociations")?.ProfileAssociations;
    upsert(list, { Id: `rpassoc-[${profileId} ${vpcId}]`, ProfileId: profileId, ResourceId: vpcId, OwnerId: vpcOwner(vpcId), Status: "COMPLETE" }, (a: Json) => a.ResourceId === vpcId);
  }
}
