import type { RegionPrices } from "../types.js";

/** Hours in a month as AWS pricing examples count them. */
export const HOURS_PER_MONTH = 730;

/**
 * On-demand USD prices, researched November 2026 (aws-semantics.md §6). Prices change: verify before quoting, and
 * override per region through RuleSettings.prices.
 * - NAT gateway hour and data processed: https://aws.amazon.com/vpc/pricing/ (jp: https://aws.amazon.com/jp/vpc/pricing/);
 *   Price List API usage types <REGION>-NatGateway-Hours / -Bytes under service code AmazonEC2.
 * - Interface endpoint hour per AZ and data processed (first 1 PB tier): https://aws.amazon.com/privatelink/pricing/;
 *   Price List API offer AmazonVPC, usage type <REGION>-VpcEndpoint-Hours.
 * - Gateway endpoints (S3, DynamoDB) have no charge: https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
 * Tokyo interface endpoint hour: $0.014 (invoice line and Price List notes), not the $0.01 some blogs use (§6, D3).
 * - Transit gateway data processing per GB (charged on every GB a VPC sends to the gateway; $0.02 in these regions):
 *   https://aws.amazon.com/transit-gateway/pricing/ (Price List API offer AWSTransitGateway, usage type
 *   <REGION>-TransitGateway-Bytes).
 * - eu-west-1 (Ireland): NAT gateway $0.048 per hour and per GB, interface endpoint $0.011 per AZ-hour and $0.01 per GB,
 *   from the same pages.
 */
export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = {
  "us-east-1": {
    natGatewayHour: 0.045,
    natGatewayPerGb: 0.045,
    interfaceEndpointHourPerAz: 0.01,
    interfaceEndpointPerGb: 0.01,
    transitGatewayPerGb: 0.02,
    source: "aws.amazon.com/vpc/pricing and aws.amazon.com/privatelink/pricing, us-east-1, November 2026",
  },
  "ap-northeast-1": {
    natGatewayHour: 0.062,
    natGatewayPerGb: 0.062,
    interfaceEndpointHourPerAz: 0.014,
    interfaceEndpointPerGb: 0.01,
    transitGatewayPerGb: 0.02,
    source: "aws.amazon.com/jp/vpc/pricing and aws.amazon.com/privatelink/pricing, ap-northeast-1, November 2026",
  },
  "eu-west-1": {
    natGatewayHour: 0.048,
    natGatewayPerGb: 0.048,
    interfaceEndpointHourPerAz: 0.011,
    interfaceEndpointPerGb: 0.01,
    transitGatewayPerGb: 0.02,
    source: "aws.amazon.com/vpc/pricing and aws.amazon.com/privatelink/pricing, eu-west-1, November 2026",
  },
};

function isComplete(prices: Partial<RegionPrices>): prices is RegionPrices {
  return (
    prices.natGatewayHour !== undefined &&
    prices.natGatewayPerGb !== undefined &&
    prices.interfaceEndpointHourPerAz !== undefined &&
    prices.interfaceEndpointPerGb !== undefined
  );
}

/** The region's prices: built-in table merged with overrides; undefined when incomplete. */
export function pricesFor(region: string, overrides?: Readonly<Record<string, Partial<RegionPrices>>>): RegionPrices | undefined {
  const merged: Partial<RegionPrices> = { ...REGION_PRICES[region], ...overrides?.[region] };
  if (!isComplete(merged)) return undefined;
  return { ...merged, source: overrides?.[region] ? `${merged.source ?? "built-in table"} with configured overrides` : merged.source };
}

/** Where the transit gateway's per-GB price comes from (the same in every region of the table). */
export const TRANSIT_GATEWAY_PRICE_SOURCE = "aws.amazon.com/transit-gateway/pricing";

export function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

export function rate(amount: number): string {
  return `$${String(amount)}`;
}

export interface CostComparison {
  /** Interface endpoint hours for all AZs, per month. */
  readonly endpointFixed: number;
  readonly endpointPerGb: number;
  readonly natPerGb: number;
  /** GB per month above which the endpoint costs less than sending the traffic through the NAT gateway. */
  readonly breakEvenGb: number | undefined;
}

/**
 * Monthly cost of moving a service's traffic off the NAT gateway: the endpoint adds hours per AZ and its own per-GB
 * charge, and saves the NAT's per-GB charge. NAT hours are not saved when the gateway stays for other traffic.
 */
export function compareInterfaceEndpoint(prices: RegionPrices, azCount: number): CostComparison {
  const endpointFixed = prices.interfaceEndpointHourPerAz * HOURS_PER_MONTH * azCount;
  const saving = prices.natGatewayPerGb - prices.interfaceEndpointPerGb;
  return {
    endpointFixed,
    endpointPerGb: prices.interfaceEndpointPerGb,
    natPerGb: prices.natGatewayPerGb,
    breakEvenGb: saving > 0 ? endpointFixed / saving : undefined,
  };
}
