import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { HostedZoneSummary, ResourceRecordSet } from "@aws-sdk/client-route-53";
import type { RegionIndex } from "./model.js";
import type { RegionNetwork } from "./network/region-network.js";
import { bareZoneId } from "./network/region-network.js";
import type { ComponentRef, Hop } from "./types.js";
import type { PathContext } from "./paths/context.js";
import { gapHop, hop } from "./hops.js";
import { usesAmazonDns } from "./dns.js";
import { memoised } from "./memo.js";
import { isBlackhole, routeTarget } from "./routes.js";
import { intervalCoverage, NON_PUBLIC_SPACE, parseIpv4Cidr } from "./cidr.js";
import { endpointServiceName } from "./services.js";
import { inAccount } from "./paths/place.js";
import { landingGapHop } from "./paths/transit-gateway.js";

/** An endpoint a private hosted zone's record sends the service's name to (zonal: one AZ's interface only). */
export interface EndpointTarget {
  readonly endpoint: VpcEndpoint;
  readonly home: RegionIndex;
  readonly zonal?: string;
}

/** A zone for the service name elsewhere in the region that leads to a live endpoint: what a VPC without it could use. */
export interface CentralZone {
  readonly zoneId: string;
  readonly name: string;
  readonly owner: string;
  readonly endpointId: string;
}

/**
 * What the function's VPC answers for the service's hostname, beyond AWS's own answer:
 * - default: no customer private hosted zone or Resolver rule covers it (public IPs, or a local endpoint's private DNS);
 *   `gap` when Route 53 was not collected for the VPC, `central` when a zone elsewhere leads to a central endpoint;
 * - zone: a private hosted zone answers, each record a target (an endpoint, or a hop that fails or can't be followed);
 * - unknown: forwarded to resolvers the snapshot can't see, or a zone whose records were not read.
 */
export type NameAnswer =
  | { readonly kind: "default"; readonly gap?: Hop; readonly central?: CentralZone }
  | { readonly kind: "zone"; readonly hops: readonly Hop[]; readonly targets: readonly (EndpointTarget | { readonly hop: Hop })[]; readonly zoneId: string }
  /** `settled`: a zone answers for sure (its records unread), so the public answer is not one of the possibilities. */
  | { readonly kind: "unknown"; readonly hops: readonly Hop[]; readonly settled?: true };

/** A DNS name compared as Route 53 does: case-insensitive, with or without the trailing dot. */
export function dnsName(name: string | undefined): string {
  return (name ?? "").toLowerCase().replace(/\.$/, "").replace(/\\052/g, "*");
}

/** Whether `domain` is `host` or one of its parent domains. */
export function coversName(domain: string, host: string): boolean {
  return domain === host || host.endsWith(`.${domain}`) || domain === "";
}

const GONE = new Set(["deleted", "deleting", "failed", "rejected", "expired"]);
const LIVE_RULE = (status: string | undefined) => !["FAILED", "DELETING"].includes(String(status ?? "COMPLETE"));

/** The records that answer `host` in a zone: an exact A/CNAME, else the wildcard of its closest parent inside the zone. */
function answering(records: readonly ResourceRecordSet[], host: string, zone: string): ResourceRecordSet[] {
  const answers = (name: string) => records.filter((r) => dnsName(r.Name) === name && (r.Type === "A" || r.Type === "CNAME"));
  const exact = answers(host);
  if (exact.length > 0) return exact;
  if (records.some((r) => dnsName(r.Name) === host)) return [];
  let parent = host;
  while (parent !== zone && parent.includes(".")) {
    parent = parent.slice(parent.indexOf(".") + 1);
    const wildcard = answers(`*.${parent}`);
    if (wildcard.length > 0) return wildcard;
  }
  return [];
}

/** vpce-0abc-x1y2.kms.eu-west-1.vpce.amazonaws.com (regional) or vpce-0abc-x1y2-eu-west-1a.kms... (zonal). */
function parseEndpointName(name: string): { id: string; region: string; zonal?: string } | undefined {
  const labels = dnsName(name).split(".");
  if (labels.length < 5 || labels.slice(-3).join(".") !== "vpce.amazonaws.com") return undefined;
  const first = labels[0]!.split("-");
  if (first[0] !== "vpce" || first.length < 3) return undefined;
  const zonal = first.length > 3 ? first.slice(3).join("-") : undefined;
  return { id: `vpce-${first[1]}`, region: labels[labels.length - 4]!, ...(zonal === undefined ? {} : { zonal }) };
}

export function zoneComponent(zoneId: string, name: string, owner: string | undefined, pathAccount: string): ComponentRef {
  return inAccount({ type: "hosted-zone", id: zoneId, name }, owner ?? pathAccount, pathAccount);
}

/** Where one record sends the name: an endpoint of this region's service, or a hop saying why it doesn't lead there. */
function recordTarget(ctx: PathContext, record: ResourceRecordSet, zone: ComponentRef, owner: string | undefined): EndpointTarget | { hop: Hop } {
  const host = ctx.service.hostname(ctx.index.region);
  const pointsAt = record.AliasTarget?.DNSName ?? (record.Type === "CNAME" ? record.ResourceRecords?.[0]?.Value : undefined);
  if (pointsAt === undefined) {
    const values = (record.ResourceRecords ?? []).map((r) => r.Value).join(", ");
    return { hop: hop(zone, "unknown", "DNS_PRIVATE_ZONE", `${zone.id} answers ${host} with the addresses ${values || "(none)"}: which network interfaces hold them is not in the snapshot.`, { setting: `point ${host} in ${zone.id} at the endpoint's DNS name (an alias record)` }) };
  }
  const parsed = parseEndpointName(pointsAt);
  if (parsed === undefined) {
    return { hop: hop(zone, "unknown", "DNS_PRIVATE_ZONE", `${zone.id} answers ${host} with ${dnsName(pointsAt)}, which is not an interface endpoint's DNS name: where it leads is not in the snapshot.`, { setting: `check what ${dnsName(pointsAt)} resolves to` }) };
  }
  const retarget = `point ${host} in ${zone.id} at a live ${ctx.service.id} endpoint of ${ctx.index.region} (its regional DNS name)`;
  if (parsed.region !== ctx.index.region) {
    return { hop: hop(zone, "fail", "DNS_TARGET_GONE", `${zone.id} answers ${host} with ${dnsName(pointsAt)}, an endpoint in ${parsed.region}: its addresses are in a VPC of another region, which this path can't reach.`, { setting: retarget }) };
  }
  const found = ctx.network.endpoint(parsed.id);
  if (found === undefined) {
    const account = owner ?? ctx.account;
    const gap = ctx.network.landingGap(account, "DescribeVpcEndpoints");
    if (gap !== undefined) {
      return { hop: landingGapHop(ctx.network, zone, account, "DescribeVpcEndpoints", `the endpoint ${parsed.id} that ${zone.id} answers ${host} with`) ?? hop(zone, "unknown", "DATA_GAP", `${parsed.id} is not in the data.`) };
    }
    return {
      hop: hop(zone, "fail", "DNS_TARGET_GONE", `${zone.id} answers ${host} with ${dnsName(pointsAt)}, but endpoint ${parsed.id} exists in no account of the snapshot (it is not in account ${account}'s DescribeVpcEndpoints): the name resolves to nothing that answers.`, { setting: retarget }),
    };
  }
  const { endpoint, home } = found;
  const state = String(endpoint.State ?? "available").toLowerCase();
  if (GONE.has(state)) {
    return { hop: hop(zone, "fail", "DNS_TARGET_GONE", `${zone.id} answers ${host} with ${parsed.id}, which is ${state}.`, { setting: retarget }) };
  }
  const wanted = new Set(ctx.service.endpointServiceSuffixes.map((s) => endpointServiceName(ctx.index.region, s)));
  if (!wanted.has(endpoint.ServiceName ?? "")) {
    return { hop: hop(zone, "fail", "DNS_TARGET_GONE", `${zone.id} answers ${host} with ${parsed.id}, an endpoint of ${endpoint.ServiceName ?? "another service"}, not of ${ctx.service.id}.`, { setting: retarget }) };
  }
  return { endpoint, home, ...(parsed.zonal === undefined ? {} : { zonal: parsed.zonal }) };
}

/** The zones that apply to a VPC: directly associated (ListHostedZonesByVPC) and carried by its Route 53 Profile. */
function zonesOf(network: RegionNetwork, vpcId: string): { zones: { id: string; name?: string; owner?: string; how: string }[]; gaps: string[]; profileUnknown?: { id: string; owner?: string } } {
  const zones: { id: string; name?: string; owner?: string; how: string }[] = [];
  const gaps: string[] = [];
  const direct = network.zonesOfVpc(vpcId);
  if (direct === undefined) gaps.push("ListHostedZonesByVPC");
  for (const summary of direct ?? ([] as readonly HostedZoneSummary[])) {
    // A zone a service owns (the private DNS zone of an endpoint, Cloud Map) is not a customer zone.
    if (summary.Owner?.OwningService !== undefined) continue;
    zones.push({ id: bareZoneId(summary.HostedZoneId), name: dnsName(summary.Name), ...(summary.Owner?.OwningAccount === undefined ? {} : { owner: summary.Owner.OwningAccount }), how: "associated directly" });
  }
  const profile = network.profileOf(vpcId);
  if (profile !== undefined) {
    if (profile.resources === undefined) return { zones, gaps, profileUnknown: { id: profile.profileId, ...(profile.owner === undefined ? {} : { owner: profile.owner }) } };
    for (const resource of profile.resources) {
      if (String(resource.ResourceType ?? "") !== "PRIVATE_HOSTED_ZONE" || !LIVE_RULE(resource.Status)) continue;
      const id = bareZoneId(/hostedzone\/([A-Za-z0-9]+)/.exec(resource.ResourceArn ?? "")?.[1]);
      const known = network.zone(id);
      zones.push({ id, ...(known?.Name === undefined ? {} : { name: dnsName(known.Name) }), ...(resource.OwnerId === undefined ? {} : { owner: resource.OwnerId }), how: `through Route 53 Profile ${profile.profileId}` });
    }
  }
  return { zones, gaps };
}

/** The Resolver rules that apply to a VPC: associated directly and carried by its Profile. */
function rulesOf(network: RegionNetwork, vpcId: string): { rules: { id: string; domain: string; type: string; targets: string }[]; gap: boolean } {
  const direct = network.rulesOfVpc(vpcId);
  const rules = (direct ?? []).filter((r) => LIVE_RULE(r.Status)).map((r) => ({ id: r.Id ?? "", domain: dnsName(r.DomainName), type: String(r.RuleType ?? ""), targets: (r.TargetIps ?? []).map((t) => t.Ip ?? t.Ipv6 ?? "?").join(", ") }));
  return { rules, gap: direct === undefined };
}

/**
 * Routes of the function subnet that lead beyond the VPC (or to an appliance in it) for private address space, where a
 * private answer (a central endpoint's addresses) could lead. Memoised per subnet.
 */
export function routesBeyondVpc(ctx: PathContext): boolean {
  return memoised(ctx.index, ["routes-beyond-vpc", ctx.subnetId], () => ({ beyond: routesBeyondOnce(ctx) })).beyond;
}

function routesBeyondOnce(ctx: PathContext): boolean {
  const table = ctx.index.routeTableFor(ctx.subnetId);
  return (table?.Routes ?? []).some((r) => {
    if (isBlackhole(r)) return false;
    const kind = routeTarget(r).kind;
    const leaves = kind === "transit-gateway" || kind === "vpc-peering-connection" || kind === "network-interface" || kind === "instance" || kind === "other-target" || (kind === "vpc-endpoint" && r.DestinationCidrBlock !== undefined);
    if (!leaves) return false;
    const interval = r.DestinationCidrBlock === undefined ? undefined : parseIpv4Cidr(r.DestinationCidrBlock);
    return interval === undefined || intervalCoverage(interval, NON_PUBLIC_SPACE) !== "no";
  });
}

/**
 * Zones named for the service's hostname (or a parent of it) in the region's data, whose records lead to a live
 * endpoint of the service in this region: the central endpoints of a landing zone.
 */
function centralZones(ctx: PathContext): readonly CentralZone[] {
  const host = ctx.service.hostname(ctx.index.region);
  return memoised(ctx.network, ["central-zones", host], () => {
    const found: CentralZone[] = [];
    const seen = new Set<string>();
    for (const index of ctx.network.accounts.values()) {
      for (const vpcId of index.vpcs.keys()) {
        for (const summary of ctx.network.zonesOfVpc(vpcId) ?? []) {
          const id = bareZoneId(summary.HostedZoneId);
          const name = dnsName(summary.Name);
          if (seen.has(id) || summary.Owner?.OwningService !== undefined || !coversName(name, host)) continue;
          seen.add(id);
          const owner = summary.Owner?.OwningAccount ?? index.account;
          const component = zoneComponent(id, name, owner, ctx.account);
          for (const record of answering(ctx.network.records(id) ?? [], host, name)) {
            const target = recordTarget(ctx, record, component, owner);
            if ("endpoint" in target) {
              found.push({ zoneId: id, name, owner, endpointId: target.endpoint.VpcEndpointId ?? "" });
              break;
            }
          }
        }
      }
    }
    return found.sort((a, b) => (a.zoneId < b.zoneId ? -1 : a.zoneId > b.zoneId ? 1 : 0));
  });
}

function gapHopFor(ctx: PathContext, call: "ListHostedZonesByVPC" | "ListResolverRuleAssociations", host: string): Hop {
  const account = ctx.network.vpcHome(ctx.vpcId)?.account ?? ctx.account;
  return (
    landingGapHop(ctx.network, { type: "dns", id: host }, account, call, `whether a private hosted zone or Resolver rule of ${ctx.vpcId} answers ${host}`) ??
    gapHop(ctx.index, call, `whether a private hosted zone or Resolver rule of ${ctx.vpcId} answers ${host}`) ??
    hop({ type: "dns", id: host }, "unknown", "DATA_GAP", `${call} holds no record for ${ctx.vpcId}, so whether a private hosted zone answers ${host} is unknown.`, { setting: `collect ${call} for ${ctx.vpcId}` })
  );
}

/** What the function's VPC answers for the service's hostname (see NameAnswer), memoised per VPC and hostname. */
export function resolveServiceName(ctx: PathContext): NameAnswer {
  const host = ctx.service.hostname(ctx.index.region);
  return memoised(ctx.index, ["service-name", ctx.vpcId, host], () => resolveOnce(ctx, host));
}

function resolveOnce(ctx: PathContext, host: string): NameAnswer {
  const { network, vpcId } = ctx;
  // Zones and rules answer through the VPC's Amazon DNS server; other resolvers and a switched-off server are the name resolution hop's.
  if (usesAmazonDns(ctx.index, vpcId).uses !== "yes" || ctx.index.dnsSupport(vpcId) !== true) return { kind: "default" };
  const dnsComponent: ComponentRef = { type: "dns", id: host };
  const rules = rulesOf(network, vpcId);
  const rule = rules.rules.filter((r) => (r.type === "FORWARD" || r.type === "SYSTEM") && coversName(r.domain, host)).sort((a, b) => b.domain.length - a.domain.length)[0];
  if (rule?.type === "FORWARD") {
    return {
      kind: "unknown",
      hops: [
        hop(dnsComponent, "unknown", "DNS_FORWARDED", `Resolver rule ${rule.id} associated with ${vpcId} forwards ${rule.domain || "every name"} to ${rule.targets || "other resolvers"}, which answer ${host} (a forwarding rule wins over a private hosted zone): what they answer is not in the snapshot.`, {
          setting: `check what ${rule.targets || "the forwarded resolvers"} answer for ${host}, or exclude ${host} with a SYSTEM rule`,
        }),
      ],
    };
  }
  const zones = zonesOf(network, vpcId);
  if (zones.profileUnknown !== undefined) {
    return {
      kind: "unknown",
      hops: [
        hop(dnsComponent, "unknown", "DATA_GAP", `${vpcId} is associated with Route 53 Profile ${zones.profileUnknown.id}, whose zones and rules are not in the snapshot (only the Profile's owner${zones.profileUnknown.owner === undefined ? "" : `, account ${zones.profileUnknown.owner},`} can list them), so what answers ${host} is unknown.`, {
          setting: `collect ${zones.profileUnknown.owner === undefined ? "the account that owns it" : `account ${zones.profileUnknown.owner}`} too (kms-audit collect --accounts ..., or kms-audit merge its snapshot with this one)`,
        }),
      ],
    };
  }
  const unnamed = zones.zones.find((z) => z.name === undefined);
  if (unnamed !== undefined) {
    return {
      kind: "unknown",
      hops: [hop(dnsComponent, "unknown", "DATA_GAP", `${vpcId} is associated (${unnamed.how}) with zone ${unnamed.id}, whose name is not in the snapshot: it may answer ${host}.`, { setting: `collect account ${unnamed.owner ?? "that owns the zone"} and merge its snapshot` })],
    };
  }
  const covering = zones.zones.filter((z) => coversName(z.name!, host)).sort((a, b) => b.name!.length - a.name!.length);
  const zone = covering[0];
  if (zone === undefined) {
    const gaps = [...zones.gaps, ...(rules.gap ? ["ListResolverRuleAssociations" as const] : [])];
    const gap = gaps.length === 0 ? undefined : gapHopFor(ctx, gaps[0] === "ListHostedZonesByVPC" ? "ListHostedZonesByVPC" : "ListResolverRuleAssociations", host);
    const central = zones.gaps.length > 0 ? undefined : centralZones(ctx)[0];
    return { kind: "default", ...(gap === undefined ? {} : { gap }), ...(central === undefined ? {} : { central }) };
  }
  const component = zoneComponent(zone.id, zone.name!, zone.owner, ctx.account);
  const hostnames = ctx.index.dnsHostnames(vpcId);
  if (hostnames !== true) {
    const why = hostnames === false ? "is false" : "is not in the data";
    return { kind: "unknown", hops: [hop(component, "unknown", "VPC_DNS_HOSTNAMES_DISABLED", `${vpcId} is associated with zone ${zone.id} (${zone.name}), but its enableDnsHostnames ${why}: private hosted zones need it on, so whether the zone answers ${host} is uncertain.`, { setting: `${vpcId}: set enableDnsHostnames to true` })] };
  }
  const records = network.records(zone.id);
  if (records === undefined) {
    const owner = zone.owner ?? ctx.account;
    return {
      kind: "unknown",
      settled: true,
      hops: [
        landingGapHop(network, component, owner, "ListResourceRecordSets", `the records of zone ${zone.id} (${zone.name}), which answers ${host} in ${vpcId}`) ??
          hop(component, "unknown", "DATA_GAP", `zone ${zone.id} (${zone.name}) answers ${host} in ${vpcId}, but its records are in no account's ListResourceRecordSets data (only its owner, account ${owner}, can read them).`, { setting: `collect account ${owner} and merge its snapshot` }),
      ],
    };
  }
  const found = hop(component, "pass", "DNS_PRIVATE_ZONE", `${vpcId} is associated (${zone.how}) with private hosted zone ${zone.id} (${zone.name}${zone.owner === undefined || zone.owner === ctx.account ? "" : `, account ${zone.owner}`}), the most specific zone for ${host}: it answers, not public DNS.`);
  const answers = answering(records, host, zone.name!);
  if (answers.length === 0) {
    return {
      kind: "zone",
      zoneId: zone.id,
      hops: [found],
      targets: [{ hop: hop(component, "fail", "DNS_NO_RECORD", `zone ${zone.id} (${zone.name}) has no A or CNAME record for ${host}: Route 53 answers NXDOMAIN and does not fall back to public DNS, so ${host} does not resolve in the VPCs associated with it.`, { setting: `add an alias record ${host} in ${zone.id} to the ${ctx.service.id} endpoint's DNS name` }) }],
    };
  }
  return { kind: "zone", zoneId: zone.id, hops: [found], targets: answers.map((record) => recordTarget(ctx, record, component, zone.owner)) };
}
