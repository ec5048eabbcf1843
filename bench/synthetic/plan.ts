import type { Random } from "./random.js";

/** How a VPC's private subnets reach the internet, if at all. */
export type EgressMode = "nat-per-az" | "single-nat" | "transit-gateway" | "none";

/** A deliberate fault, so that the synthetic account holds blocked and unverifiable paths as real ones do. */
export type NatFault = "failed-state" | "private-connectivity" | "in-private-subnet" | "blackhole-route";
export type EndpointFault = "sg-without-443" | "private-dns-off" | "pending" | "policy-denies" | "two-azs-only";

/** Every random decision about one VPC, drawn up front so the builders stay plain. */
export interface VpcPlan {
  readonly index: number;
  readonly region: string;
  readonly azs: readonly string[];
  readonly secondOctet: number;
  readonly egress: EgressMode;
  readonly natFault?: NatFault;
  readonly hasInternetGateway: boolean;
  readonly customDns: boolean;
  readonly dnsHostnames: boolean;
  readonly kmsEndpoint: boolean;
  readonly endpointFault?: EndpointFault;
  readonly s3GatewayEndpoint: boolean;
  readonly otherInterfaceEndpoints: readonly string[];
  /** A route to a partner's public range over the transit gateway: makes the way to public services uncertain. */
  readonly publicPartnerRoute: boolean;
  readonly aclWithoutEphemeralReturn: boolean;
  /** The app ACL also denies a few public /24s: whether they hold the service's IPs is unknowable offline. */
  readonly aclDeniesPublicRanges: boolean;
  readonly functionGroups: number;
}

const AZ_SUFFIXES: Readonly<Record<string, readonly string[]>> = { "ap-northeast-1": ["a", "c", "d"] };
const OTHER_ENDPOINT_SERVICES = ["sts", "secretsmanager", "ssm", "logs", "sqs"] as const;

function egressMode(random: Random): EgressMode {
  const roll = random.next();
  if (roll < 0.5) return "nat-per-az";
  if (roll < 0.65) return "single-nat";
  if (roll < 0.77) return "transit-gateway";
  return "none";
}

function natFault(random: Random, egress: EgressMode): NatFault | undefined {
  if (egress !== "nat-per-az" && egress !== "single-nat") return undefined;
  const roll = random.next();
  if (roll < 0.03) return "failed-state";
  if (roll < 0.05) return "private-connectivity";
  if (roll < 0.07) return "in-private-subnet";
  if (roll < 0.09) return "blackhole-route";
  return undefined;
}

function endpointFault(random: Random): EndpointFault | undefined {
  const roll = random.next();
  if (roll < 0.08) return "sg-without-443";
  if (roll < 0.12) return "private-dns-off";
  if (roll < 0.14) return "pending";
  if (roll < 0.17) return "policy-denies";
  if (roll < 0.37) return "two-azs-only";
  return undefined;
}

function wantsKmsEndpoint(random: Random, egress: EgressMode): boolean {
  if (egress === "none") return true;
  return random.chance(egress === "transit-gateway" ? 0.5 : 0.25);
}

export function planVpc(random: Random, index: number, region: string): VpcPlan {
  const egress = egressMode(random);
  const fault = natFault(random, egress);
  const kmsEndpoint = wantsKmsEndpoint(random, egress);
  const fault2 = kmsEndpoint ? endpointFault(random) : undefined;
  const suffixes = AZ_SUFFIXES[region] ?? ["a", "b", "c"];
  return {
    index,
    region,
    azs: suffixes.map((s) => `${region}${s}`),
    secondOctet: index % 256,
    egress,
    ...(fault === undefined ? {} : { natFault: fault }),
    hasInternetGateway: !random.chance(0.04),
    customDns: random.chance(0.04),
    dnsHostnames: !random.chance(0.04),
    kmsEndpoint,
    ...(fault2 === undefined ? {} : { endpointFault: fault2 }),
    s3GatewayEndpoint: random.chance(0.7),
    otherInterfaceEndpoints: random.chance(0.3) ? random.sample(OTHER_ENDPOINT_SERVICES, random.int(1, 3)) : [],
    publicPartnerRoute: random.chance(0.03),
    aclWithoutEphemeralReturn: random.chance(0.04),
    aclDeniesPublicRanges: random.chance(0.03),
    functionGroups: random.int(8, 14),
  };
}
