import type { PathResult } from "../model/types.js";
import type { RegionIndex } from "../model/model.js";
import { vpcEndpointsIn } from "../model/index.js";
import type { NatGatewayTrafficRecord, Snapshot } from "../snapshot/types.js";
import { defineRule, type RegionPrices, type RuleSettings } from "./types.js";
import { ec2, createInterfaceEndpoint } from "./support/commands.js";
import { ec2Ref } from "./support/arn.js";
import { endpointPlan } from "./support/endpoint-plan.js";
import { endpointState, serviceSuffix } from "./support/endpoints.js";
import { affectedPaths, groupBy, pathImportance, pathsWithVerdict } from "./support/hops.js";
import { oncePerKey } from "./support/once.js";
import { compareInterfaceEndpoint, HOURS_PER_MONTH, pricesFor, rate, TRANSIT_GATEWAY_PRICE_SOURCE, usd } from "./support/prices.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "interfaceEndpoint" | "gatewayEndpoint" | "centralEgress";

const GATEWAY_SERVICES = ["s3", "dynamodb"];
const GONE = ["deleted", "deleting", "rejected", "failed", "expired"];

function trafficRecords(snapshot: Snapshot, region: RegionIndex): readonly NatGatewayTrafficRecord[] {
  const call = snapshot.accounts[region.account]?.regions[region.region]?.calls.NatGatewayTraffic;
  return call?.status === "ok" ? call.data : [];
}

/** GB per month through the given NAT gateways, from CloudWatch records; undefined when none were collected. */
function monthlyNatGb(records: readonly NatGatewayTrafficRecord[], natIds: readonly string[]): { gb: number; text: string } | undefined {
  const used = records.filter((r) => natIds.includes(r.NatGatewayId) && r.Days > 0);
  if (used.length === 0) return undefined;
  const gb = used.reduce((sum, r) => sum + ((r.BytesOutToDestination + r.BytesInFromDestination) / 1e9) * (HOURS_PER_MONTH / (24 * r.Days)), 0);
  const measured = used.map((r) => `${r.NatGatewayId} ${((r.BytesOutToDestination + r.BytesInFromDestination) / 1e9).toFixed(1)} GB in ${r.Days} days`);
  return { gb, text: `measured ${listing(measured)}, about ${gb.toFixed(1)} GB/month through the NAT to all destinations (an upper bound for this service)` };
}

function interfaceCost(prices: RegionPrices | undefined, azCount: number, traffic: ReturnType<typeof monthlyNatGb>): string {
  if (prices === undefined) {
    return `no price data for this region: interface endpoint = ${azCount} AZ x ${HOURS_PER_MONTH} h x hourly price per AZ + GB x per-GB price; NAT = GB x NAT per-GB price; set the region's prices in the configuration`;
  }
  const c = compareInterfaceEndpoint(prices, azCount);
  const natHours = prices.natGatewayHour * HOURS_PER_MONTH;
  const formula =
    `interface endpoint = ${azCount} AZ x ${HOURS_PER_MONTH} h x ${rate(prices.interfaceEndpointHourPerAz)} = ${usd(c.endpointFixed)} + ${rate(c.endpointPerGb)}/GB; ` +
    `through the NAT = ${rate(c.natPerGb)}/GB data processing (the gateway's own ${rate(prices.natGatewayHour)} x ${HOURS_PER_MONTH} h = ${usd(natHours)} is paid while other traffic needs it); ` +
    (c.breakEvenGb === undefined ? "the endpoint never costs less per GB here" : `break-even at ${c.breakEvenGb.toFixed(1)} GB/month, above which the endpoint is cheaper`);
  const measured =
    traffic === undefined
      ? "; no NAT traffic was collected (NatGatewayTraffic), so only the break-even is shown"
      : `; ${traffic.text}: endpoint ${usd(c.endpointFixed + c.endpointPerGb * traffic.gb)} vs NAT ${usd(c.natPerGb * traffic.gb)} per month`;
  return `${formula}${measured} (prices: ${prices.source})`;
}

/**
 * Central egress: every GB crosses the transit gateway (data processing on what each VPC sends to it) and the central
 * NAT gateway (data processing both ways), against a local interface endpoint (hours per AZ and its per-GB charge) or a
 * central interface endpoint reached across the same transit gateway (its per-GB charge and the gateway's, no new hours).
 */
function centralEgressCost(prices: RegionPrices | undefined, azCount: number, traffic: ReturnType<typeof monthlyNatGb>): string {
  if (prices === undefined || prices.transitGatewayPerGb === undefined) {
    return `no price data for this region: through the central NAT = GB x (transit gateway per-GB + NAT per-GB price); a local interface endpoint = ${azCount} AZ x ${HOURS_PER_MONTH} h x hourly price per AZ + GB x per-GB price; set the region's prices (transitGatewayPerGb included) in the configuration`;
  }
  const tgw = prices.transitGatewayPerGb;
  const now = tgw + prices.natGatewayPerGb;
  const fixed = prices.interfaceEndpointHourPerAz * HOURS_PER_MONTH * azCount;
  const saving = now - prices.interfaceEndpointPerGb;
  const central = tgw + prices.interfaceEndpointPerGb;
  const formula =
    `through the central NAT = ${rate(tgw)}/GB transit gateway data processing + ${rate(prices.natGatewayPerGb)}/GB NAT data processing = ${rate(Number(now.toFixed(4)))}/GB; ` +
    `a local interface endpoint = ${azCount} AZ x ${HOURS_PER_MONTH} h x ${rate(prices.interfaceEndpointHourPerAz)} = ${usd(fixed)} + ${rate(prices.interfaceEndpointPerGb)}/GB` +
    (saving > 0 ? `, break-even at ${(fixed / saving).toFixed(1)} GB/month; ` : "; ") +
    `a central interface endpoint reached across the same transit gateway = ${rate(Number(central.toFixed(4)))}/GB (transit gateway and endpoint data processing) and no new endpoint hours`;
  const measured =
    traffic === undefined
      ? "; no NAT traffic was collected (NatGatewayTraffic), so only the break-even is shown"
      : `; ${traffic.text}: local endpoint ${usd(fixed + prices.interfaceEndpointPerGb * traffic.gb)} vs central NAT ${usd(now * traffic.gb)} per month`;
  return `${formula}${measured} (prices: ${prices.source}; transit gateway: ${TRANSIT_GATEWAY_PRICE_SOURCE})`;
}

function gatewayCost(prices: RegionPrices | undefined, traffic: ReturnType<typeof monthlyNatGb>): string {
  if (prices === undefined) return "gateway endpoint = $0; NAT = GB x NAT per-GB price (no price data for this region)";
  const measured =
    traffic === undefined
      ? "no NAT traffic was collected (NatGatewayTraffic), so the saving can't be sized"
      : `${traffic.text}: up to ${usd(prices.natGatewayPerGb * traffic.gb)} per month saved`;
  return `gateway endpoint = $0 (no hourly or per-GB charge); through the NAT = ${rate(prices.natGatewayPerGb)}/GB data processing; break-even at 0 GB; ${measured} (prices: ${prices.source})`;
}

/** The services (FIPS variants folded in) that already have an endpoint in the VPC, not counting endpoints being removed. */
function servicesWithEndpoint(region: RegionIndex, vpcId: string): Set<string> {
  const services = new Set<string>();
  for (const ep of vpcEndpointsIn(region, vpcId)) {
    if (ep.VpcId === vpcId && !GONE.includes(endpointState(ep))) services.add(serviceSuffix(ep.ServiceName ?? "", region.region).split("-fips")[0]!);
  }
  return services;
}

/** Paths through a NAT gateway to a service the region offers an endpoint for, which the VPC lacks and the function uses. */
function natCandidates(region: RegionIndex, viaNat: readonly PathResult[], settings: RuleSettings): PathResult[] {
  const offered = region.endpointServiceNames ?? new Set<string>();
  const isOffered = oncePerKey((service: string) => offered.has(`com.amazonaws.${region.region}.${service}`));
  const endpointServices = oncePerKey((vpcId: string) => servicesWithEndpoint(region, vpcId));
  return viaNat.filter((r) => isOffered(r.service) && !endpointServices(r.vpcId).has(r.service) && uses(region, r, settings));
}

function uses(region: RegionIndex, result: PathResult, settings: RuleSettings): boolean {
  return pathImportance(region, result, settings) === "needed";
}

export default defineRule<MessageId>({
  meta: {
    id: "nat-where-privatelink",
    title: "Function reaches an AWS service through a NAT gateway while the region offers a VPC endpoint for it",
    severity: "note",
    category: "cost",
    securitySeverity: 3.0,
    rationale:
      "Calls to an AWS service through a NAT gateway leave the VPC for the service's public endpoint over the internet path, " +
      "and every GB pays the NAT's data-processing charge. When the region offers an endpoint for the service " +
      "(DescribeVpcEndpointServices), an interface endpoint keeps the traffic on the AWS network, lets an endpoint policy " +
      "restrict what may be called, and keeps working if the NAT breaks; S3 and DynamoDB also have gateway endpoints, which " +
      "are free. The message compares the monthly cost of both options from a documented regional price table (hours per " +
      "month 730, the number of AZs, GB processed) and gives the break-even traffic, using measured NAT traffic when collected. " +
      "One finding per VPC and service lists every function concerned: an endpoint with private DNS serves the whole VPC.",
    remediation: {
      text:
        "Create one interface endpoint for the service in the VPC, in a subnet of each AZ its functions use (private DNS " +
        "on, a security group admitting TCP 443 from all their security groups), or a gateway endpoint on their subnets' " +
        "route tables for S3 and DynamoDB.",
      cli: [
        "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.<service> --subnet-ids <subnet-ids> --security-group-ids <endpoint-sg-id> --private-dns-enabled --region <region>",
        "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Gateway --service-name com.amazonaws.<region>.s3 --route-table-ids <route-table-ids> --region <region>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html",
      "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
      "https://aws.amazon.com/privatelink/pricing/",
      "https://aws.amazon.com/vpc/pricing/",
    ],
    requires: ["DescribeVpcEndpointServices", "DescribeVpcEndpoints", "ListFunctions"],
    messages: {
      interfaceEndpoint:
        "In {{vpc}}, {{affected}} reach {{service}} through NAT gateway {{nats}} although {{region}} offers {{endpointService}}: an interface endpoint keeps this traffic off the internet and under an endpoint policy. Estimated monthly cost: {{cost}}.",
      centralEgress:
        "In {{vpc}}, {{affected}} reach {{service}} across a transit gateway and the central NAT gateway {{nats}} of {{natVpc}} although {{region}} offers {{endpointService}}: an interface endpoint keeps this traffic off the internet and under an endpoint policy, and off the transit gateway and NAT charges. Estimated monthly cost: {{cost}}.",
      gatewayEndpoint:
        "In {{vpc}}, {{affected}} reach {{service}} through NAT gateway {{nats}} although {{region}} offers the free gateway endpoint {{endpointService}}: it keeps this traffic off the internet and under an endpoint policy. Estimated monthly cost: {{cost}}.",
    },
    headlines: {
      interfaceEndpoint: "{{service}} calls go out through NAT {{nats}}; an interface endpoint is offered",
      gatewayEndpoint: "{{service}} calls go out through NAT {{nats}}; a free gateway endpoint is offered",
      centralEgress: "{{service}} calls go through central NAT {{nats}}; an interface endpoint is offered",
    },
  },
  *check({ snapshot, model, settings }, region) {
    const candidates = natCandidates(region, pathsWithVerdict(model, region, "reachable-via-nat"), settings);
    const prices = pricesFor(region.region, settings.prices);
    // Without measured traffic the estimate depends only on the number of AZs, which most groups share.
    const unmeasuredCost = oncePerKey((azCount: number) => interfaceCost(prices, azCount, undefined));
    // A NAT gateway of another VPC (or account): the path crossed a transit gateway to reach it (central egress).
    const remoteNat = (r: PathResult) => r.via === undefined || region.natGateways.get(r.via.id)?.VpcId !== r.vpcId;
    // One finding per VPC, service and egress (its own NAT, or a central one): one endpoint serves every function of the VPC (endpointPlan).
    for (const results of groupBy(candidates, (r) => `${r.vpcId}\n${r.service}\n${remoteNat(r) ? `central ${r.via?.account ?? ""}` : "own"}`).values()) {
      const first = results[0]!;
      const plan = endpointPlan(model, region, first.vpcId, first.service);
      const natIds = sortedUnique(results.flatMap((r) => (r.via ? [r.via.id] : [])));
      const azCount = plan.subnets.length;
      const endpointService = `com.amazonaws.${region.region}.${first.service}`;
      const gateway = GATEWAY_SERVICES.includes(first.service);
      const central = remoteNat(first) && !gateway;
      const natHome = remoteNat(first) ? model.networkOf(region.region)?.accounts.get(first.via?.account ?? region.account) : region;
      const traffic = monthlyNatGb(natHome === undefined ? [] : trafficRecords(snapshot, natHome), natIds);
      const natVpc = natHome?.natGateways.get(first.via?.id ?? "")?.VpcId ?? "another VPC";
      yield {
        messageId: central ? "centralEgress" : gateway ? "gatewayEndpoint" : "interfaceEndpoint",
        resource: ec2Ref(region, "vpc", first.vpcId),
        key: first.service,
        data: {
          affected: affectedPaths(results),
          vpc: first.vpcId,
          service: first.service,
          nats: listing(natIds),
          region: region.region,
          endpointService,
          cost: central ? centralEgressCost(prices, azCount, traffic) : gateway ? gatewayCost(prices, traffic) : traffic === undefined ? unmeasuredCost(azCount) : interfaceCost(prices, azCount, traffic),
          natVpc: natHome !== undefined && natHome.account !== region.account ? `${natVpc} (account ${natHome.account})` : natVpc,
        },
        affected: results,
        fix: gateway
          ? [ec2(region, "create-vpc-endpoint", ["--vpc-id", first.vpcId, "--vpc-endpoint-type", "Gateway", "--service-name", endpointService, "--route-table-ids", ...plan.routeTables])]
          : createInterfaceEndpoint(region, first.vpcId, endpointService, plan.subnets, plan.groups),
      };
    }
  },
});
