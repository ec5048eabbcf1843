import type {
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
  TransitGatewayVpcAttachment,
  Vpc,
  VpcEndpoint,
  VpcPeeringConnection,
} from "@aws-sdk/client-ec2";
import type { HostedZone, HostedZoneSummary, ResourceRecordSet } from "@aws-sdk/client-route-53";
import type {
  CallName,
  CallRecord,
  LandingZoneCallName,
  ProfileResourceAssociation,
  RegionCalls,
  ResolverRule,
  Snapshot,
  TransitGatewayRoutesRecord,
} from "../../snapshot/types.js";
import type { CallError } from "../../snapshot/types.js";
import type { RegionIndex } from "../model.js";

/**
 * Every account's view of one region, joined by id (docs/snapshot-format.md, "Who records what"): a VPC, subnet or
 * endpoint is found in the account that describes it, a transit gateway's route tables only in its owner's data, a
 * hosted zone's records in its owner's. Built once per model and region; a single account without any of the calls
 * beyond the VPC builds a few empty maps.
 */
export interface RegionNetwork {
  readonly region: string;
  /** The region's index of each account in the snapshot. */
  readonly accounts: ReadonlyMap<string, RegionIndex>;
  /** Accounts the snapshot names but could not collect (AssumeRole denied...), with the error. */
  readonly uncollected: ReadonlyMap<string, CallError>;
  /** The index holding a VPC's data: its owner's when that account is in the snapshot, else the first that lists it. */
  vpcHome(vpcId: string): RegionIndex | undefined;
  subnetHome(subnetId: string): RegionIndex | undefined;
  endpoint(endpointId: string): { readonly endpoint: VpcEndpoint; readonly home: RegionIndex } | undefined;
  transitGateway(id: string): TransitGateway | undefined;
  /** Attachment (any type) by id, as the gateway's owner or the resource's owner sees it. */
  attachment(id: string): TransitGatewayAttachment | undefined;
  vpcAttachment(id: string): TransitGatewayVpcAttachment | undefined;
  /** The VPC attachments of a VPC (any state), sorted by id. */
  vpcAttachmentsOf(vpcId: string): readonly TransitGatewayVpcAttachment[];
  /** The VPC attachments of a transit gateway (any state), sorted by id. */
  vpcAttachmentsOfGateway(tgwId: string): readonly TransitGatewayVpcAttachment[];
  /** A transit gateway route table as its gateway's owner describes it, with its routes when collected. */
  tgwRouteTable(id: string): TgwRouteTableData | undefined;
  /** The route table an attachment is associated with (owner's association data first, then the attachment's own). */
  associationOf(attachmentId: string): string | undefined;
  peering(id: string): VpcPeeringConnection | undefined;
  /** The peering connections with the VPC on either side, sorted by id. */
  peeringsOf(vpcId: string): readonly VpcPeeringConnection[];
  /** Private hosted zones associated with a VPC directly (ListHostedZonesByVPC of its owner), or undefined when not collected. */
  zonesOfVpc(vpcId: string): readonly HostedZoneSummary[] | undefined;
  /** A zone's name from any account's ListHostedZones (id without /hostedzone/). */
  zone(zoneId: string): HostedZone | undefined;
  /** A zone's records, from whichever account read them; undefined when none did. */
  records(zoneId: string): readonly ResourceRecordSet[] | undefined;
  /** Resolver rules associated with a VPC (status not failed), or undefined when the associations were not collected. */
  rulesOfVpc(vpcId: string): readonly ResolverRule[] | undefined;
  /** The Route 53 Profile associated with a VPC and what it carries (undefined: no Profile, or not collected). */
  profileOf(vpcId: string): { readonly profileId: string; readonly owner?: string; readonly resources: readonly ProfileResourceAssociation[] | undefined } | undefined;
  /** The gap of a landing-zone call in an account of this region, if any (an account not in the snapshot: "absent"). */
  landingGap(account: string, call: LandingZoneCallName | CallName): LandingGap | undefined;
}

export type LandingGap = { readonly kind: "absent" } | { readonly kind: "uncollected"; readonly error: CallError } | { readonly kind: "not-collected" } | { readonly kind: "failed"; readonly error: CallError };

export interface TgwRouteTableData {
  readonly table: TransitGatewayRouteTable;
  /** The account that owns the gateway and described the table. */
  readonly owner: string;
  readonly home: RegionIndex;
  /** SearchTransitGatewayRoutes for this table, undefined when it is not in the owner's data. */
  readonly routes?: TransitGatewayRoutesRecord;
}

function okData<T>(record: CallRecord<T> | undefined): T | undefined {
  return record?.status === "ok" ? record.data : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const GONE_ASSOCIATION = new Set(["FAILED", "DELETING", "DELETED"]);

/** `/hostedzone/Z123` and `Z123` name the same zone. */
export function bareZoneId(id: string | undefined): string {
  return (id ?? "").replace(/^\/hostedzone\//, "");
}

/** Builds the joined view of one region over the accounts' indexes (in account order) and their calls. */
export function buildRegionNetwork(region: string, snapshot: Snapshot, indexes: readonly RegionIndex[]): RegionNetwork {
  const accounts = new Map(indexes.map((index) => [index.account, index]));
  const callsOf = (account: string): RegionCalls | undefined => snapshot.accounts[account]?.regions[region]?.calls;
  const uncollected = new Map<string, CallError>();
  for (const [account, data] of Object.entries(snapshot.accounts)) if (data.error !== undefined && !accounts.has(account)) uncollected.set(account, data.error);

  const vpcs = new Map<string, RegionIndex>();
  const subnets = new Map<string, RegionIndex>();
  const endpoints = new Map<string, { endpoint: VpcEndpoint; home: RegionIndex }>();
  const gateways = new Map<string, TransitGateway>();
  const attachments = new Map<string, TransitGatewayAttachment>();
  const vpcAttachments = new Map<string, TransitGatewayVpcAttachment>();
  const tables = new Map<string, TgwRouteTableData>();
  const associations = new Map<string, string>();
  const peerings = new Map<string, VpcPeeringConnection>();
  const zonesByVpc = new Map<string, readonly HostedZoneSummary[]>();
  const zones = new Map<string, HostedZone>();
  const records = new Map<string, readonly ResourceRecordSet[]>();
  const rulesById = new Map<string, ResolverRule>();
  const ruleAssociations = new Map<string, string[]>();
  const ruleAssociationsCollected = new Set<string>();
  const profileByVpc = new Map<string, string>();
  const profileAssociationsCollected = new Set<string>();
  const profileResources = new Map<string, readonly ProfileResourceAssociation[]>();
  const profileOwners = new Map<string, string>();

  const owned = <T extends { OwnerId?: string }>(map: Map<string, RegionIndex>, id: string | undefined, item: T, index: RegionIndex) => {
    if (id === undefined) return;
    const known = map.get(id);
    if (known === undefined || (item.OwnerId === index.account && known.account !== index.account)) map.set(id, index);
  };

  for (const index of indexes) {
    for (const vpc of index.vpcs.values() as Iterable<Vpc>) owned(vpcs, vpc.VpcId, vpc, index);
    for (const subnet of index.subnets.values() as Iterable<Subnet>) owned(subnets, subnet.SubnetId, subnet, index);
    for (const endpoint of index.vpcEndpoints.values()) {
      const id = endpoint.VpcEndpointId;
      if (id !== undefined && (!endpoints.has(id) || endpoint.OwnerId === index.account)) endpoints.set(id, { endpoint, home: index });
    }
    const calls = callsOf(index.account);
    if (calls === undefined) continue;
    for (const gateway of okData(calls.DescribeTransitGateways)?.TransitGateways ?? []) {
      if (gateway.TransitGatewayId !== undefined && (!gateways.has(gateway.TransitGatewayId) || gateway.OwnerId === index.account)) gateways.set(gateway.TransitGatewayId, gateway);
    }
    for (const attachment of okData(calls.DescribeTransitGatewayAttachments)?.TransitGatewayAttachments ?? []) {
      const id = attachment.TransitGatewayAttachmentId;
      if (id !== undefined && (!attachments.has(id) || attachment.TransitGatewayOwnerId === index.account)) attachments.set(id, attachment);
    }
    for (const attachment of okData(calls.DescribeTransitGatewayVpcAttachments)?.TransitGatewayVpcAttachments ?? []) {
      const id = attachment.TransitGatewayAttachmentId;
      if (id !== undefined && (!vpcAttachments.has(id) || attachment.VpcOwnerId === index.account)) vpcAttachments.set(id, attachment);
    }
    for (const peering of okData(calls.DescribeVpcPeeringConnections)?.VpcPeeringConnections ?? []) {
      if (peering.VpcPeeringConnectionId !== undefined && !peerings.has(peering.VpcPeeringConnectionId)) peerings.set(peering.VpcPeeringConnectionId, peering);
    }
    for (const record of okData(calls.ListHostedZonesByVPC) ?? []) {
      if (record.VPCRegion === region || record.VPCRegion === undefined) zonesByVpc.set(record.VPCId, record.HostedZoneSummaries);
    }
    for (const zone of okData(calls.ListHostedZones)?.HostedZones ?? []) zones.set(bareZoneId(zone.Id), zone);
    for (const record of okData(calls.ListResourceRecordSets) ?? []) records.set(bareZoneId(record.HostedZoneId), record.ResourceRecordSets);
    for (const rule of okData(calls.ListResolverRules)?.ResolverRules ?? []) if (rule.Id !== undefined && !rulesById.has(rule.Id)) rulesById.set(rule.Id, rule);
    const ruleData = okData(calls.ListResolverRuleAssociations);
    if (ruleData !== undefined) {
      ruleAssociationsCollected.add(index.account);
      for (const association of ruleData.ResolverRuleAssociations) {
        if (association.VPCId === undefined || association.ResolverRuleId === undefined || GONE_ASSOCIATION.has(String(association.Status ?? ""))) continue;
        const list = ruleAssociations.get(association.VPCId) ?? [];
        if (!list.includes(association.ResolverRuleId)) list.push(association.ResolverRuleId);
        ruleAssociations.set(association.VPCId, list);
      }
    }
    const profileData = okData(calls.ListProfileAssociations);
    if (profileData !== undefined) {
      profileAssociationsCollected.add(index.account);
      for (const association of profileData.ProfileAssociations) {
        if (association.ResourceId !== undefined && association.ProfileId !== undefined && !GONE_ASSOCIATION.has(String(association.Status ?? ""))) profileByVpc.set(association.ResourceId, association.ProfileId);
      }
    }
    for (const record of okData(calls.ListProfileResourceAssociations) ?? []) profileResources.set(record.ProfileId, record.ProfileResourceAssociations);
    for (const profile of okData(calls.ListProfiles)?.ProfileSummaries ?? []) {
      const owner = /^arn:[^:]+:route53profiles:[^:]*:(\d{12}):/.exec(profile.Arn ?? "")?.[1];
      if (profile.Id !== undefined && owner !== undefined) profileOwners.set(profile.Id, owner);
    }
  }

  // Transit gateway route tables, their associations and routes: only the gateway's owner can read them.
  for (const index of indexes) {
    const calls = callsOf(index.account);
    if (calls === undefined) continue;
    const routes = new Map((okData(calls.SearchTransitGatewayRoutes) ?? []).map((r) => [r.TransitGatewayRouteTableId, r]));
    for (const table of okData(calls.DescribeTransitGatewayRouteTables)?.TransitGatewayRouteTables ?? []) {
      const id = table.TransitGatewayRouteTableId;
      const owner = gateways.get(table.TransitGatewayId ?? "")?.OwnerId;
      if (id === undefined || (owner !== undefined && owner !== index.account)) continue;
      const found = routes.get(id);
      tables.set(id, { table, owner: index.account, home: index, ...(found === undefined ? {} : { routes: found }) });
    }
    for (const record of okData(calls.GetTransitGatewayRouteTableAssociations) ?? []) {
      if (!tables.has(record.TransitGatewayRouteTableId) || tables.get(record.TransitGatewayRouteTableId)?.owner !== index.account) continue;
      for (const association of record.Associations) {
        if (association.TransitGatewayAttachmentId !== undefined && String(association.State ?? "associated") === "associated") associations.set(association.TransitGatewayAttachmentId, record.TransitGatewayRouteTableId);
      }
    }
  }

  const attachmentsByVpc = new Map<string, TransitGatewayVpcAttachment[]>();
  for (const attachment of [...vpcAttachments.values()].sort((a, b) => compare(a.TransitGatewayAttachmentId ?? "", b.TransitGatewayAttachmentId ?? ""))) {
    if (attachment.VpcId === undefined) continue;
    const list = attachmentsByVpc.get(attachment.VpcId) ?? [];
    list.push(attachment);
    attachmentsByVpc.set(attachment.VpcId, list);
  }

  const homeOfVpc = (vpcId: string) => vpcs.get(vpcId);
  return {
    region,
    accounts,
    uncollected,
    vpcHome: homeOfVpc,
    subnetHome: (subnetId) => subnets.get(subnetId),
    endpoint: (id) => endpoints.get(id),
    transitGateway: (id) => gateways.get(id),
    attachment: (id) => attachments.get(id),
    vpcAttachment: (id) => vpcAttachments.get(id),
    vpcAttachmentsOf: (vpcId) => attachmentsByVpc.get(vpcId) ?? [],
    vpcAttachmentsOfGateway: (tgwId) => [...attachmentsByVpc.values()].flat().filter((a) => a.TransitGatewayId === tgwId).sort((a, b) => compare(a.TransitGatewayAttachmentId ?? "", b.TransitGatewayAttachmentId ?? "")),
    tgwRouteTable: (id) => tables.get(id),
    associationOf(attachmentId) {
      const known = associations.get(attachmentId);
      if (known !== undefined) return known;
      const association = attachments.get(attachmentId)?.Association;
      return association?.TransitGatewayRouteTableId !== undefined && String(association.State ?? "associated") === "associated" ? association.TransitGatewayRouteTableId : undefined;
    },
    peering: (id) => peerings.get(id),
    peeringsOf: (vpcId) =>
      [...peerings.values()].filter((p) => p.RequesterVpcInfo?.VpcId === vpcId || p.AccepterVpcInfo?.VpcId === vpcId).sort((a, b) => compare(a.VpcPeeringConnectionId ?? "", b.VpcPeeringConnectionId ?? "")),
    zonesOfVpc: (vpcId) => zonesByVpc.get(vpcId),
    zone: (zoneId) => zones.get(zoneId),
    records: (zoneId) => records.get(zoneId),
    rulesOfVpc(vpcId) {
      const home = homeOfVpc(vpcId);
      if (home === undefined || !ruleAssociationsCollected.has(home.account)) return undefined;
      return (ruleAssociations.get(vpcId) ?? []).flatMap((id): ResolverRule[] => {
        const rule = rulesById.get(id);
        return rule === undefined ? [] : [rule];
      });
    },
    profileOf(vpcId) {
      const home = homeOfVpc(vpcId);
      const profileId = profileByVpc.get(vpcId);
      if (home === undefined || !profileAssociationsCollected.has(home.account) || profileId === undefined) return undefined;
      const owner = profileOwners.get(profileId);
      return { profileId, ...(owner === undefined ? {} : { owner }), resources: profileResources.get(profileId) };
    },
    landingGap(account, call) {
      if (!accounts.has(account)) {
        const error = uncollected.get(account);
        return error === undefined ? { kind: "absent" } : { kind: "uncollected", error };
      }
      const gap = accounts.get(account)?.gaps.get(call);
      if (gap === undefined) return undefined;
      return gap.reason === "failed" ? { kind: "failed", error: gap.error ?? { code: "error", message: "no message" } } : { kind: "not-collected" };
    },
  };
}
