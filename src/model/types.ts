import type { ResourceRef, ResourceType } from "../snapshot/types.js";
import type { UseEvidence } from "./uses.js";

/** What the path model concludes for one (function, subnet, service). */
export type Verdict = "reachable-via-endpoint" | "reachable-via-nat" | "blocked" | "unverifiable";

/** pass: this hop admits the traffic. fail: it drops it. unknown: the snapshot can't tell. info: worth knowing, not decisive. */
export type HopStatus = "pass" | "fail" | "unknown" | "info";

/**
 * Explanation codes: Reachability Analyzer's where one fits (wire/reachability/explanation-codes.md),
 * kms-audit's own for what Reachability Analyzer does not model (DNS, endpoint policy, data gaps).
 */
export type ExplanationCode =
  // Reachability Analyzer
  | "NO_ROUTE_TO_DESTINATION"
  | "BAD_STATE"
  | "BAD_STATE_ROUTE"
  | "CANNOT_ROUTE"
  | "MORE_SPECIFIC_ROUTE"
  | "ENI_SG_RULES_MISMATCH"
  | "SG_HAS_NO_RULES"
  | "SUBNET_ACL_RESTRICTION"
  | "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"
  | "VPCE_SERVICE_NOT_INSTALLED_IN_AZ"
  | "AVAILABILITY_ZONE_CROSSED"
  | "UNKNOWN_DESTINATION"
  | "UNKNOWN_RESOURCE"
  | "UNSUPPORTED_COMPONENT"
  // kms-audit
  | "ROUTE_MATCHED"
  | "ROUTE_LEAVES_SNAPSHOT"
  | "NAT_PRIVATE_CONNECTIVITY"
  | "NAT_NOT_IN_PUBLIC_SUBNET"
  | "NAT_NO_PUBLIC_IP"
  | "IGW_NOT_ATTACHED"
  | "SG_ADMITS"
  | "ACL_ADMITS"
  | "ACL_SAME_SUBNET"
  | "ENDPOINT_FOUND"
  | "NO_ENDPOINT"
  | "ENDPOINT_STATE"
  | "PRIVATE_DNS_DISABLED"
  | "VPC_DNS_SUPPORT_DISABLED"
  | "VPC_DNS_HOSTNAMES_DISABLED"
  | "DNS_RESOLVES"
  | "DNS_RESOLVES_TO_ENDPOINT"
  | "DNS_CUSTOM_RESOLVER"
  | "FIPS_ENDPOINT_ONLY"
  | "ENDPOINT_POLICY_ALLOWS"
  | "ENDPOINT_POLICY_DENIES"
  | "ENDPOINT_POLICY_UNCERTAIN"
  | "DATA_GAP"
  // kms-audit (added by the path model): a NAT gateway, endpoint or internet gateway checked and usable
  | "COMPONENT_AVAILABLE"
  // Reachability Analyzer, across VPCs
  | "TGW_ATTACH_VPC_AZ_RESTRICTION"
  | "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION"
  | "TGW_RTB_CANNOT_ROUTE"
  | "TGW_RTB_BAD_STATE_ROUTE"
  | "TGW_RTB_MORE_SPECIFIC_ROUTE"
  | "TGW_RTB_ROUTES_ARE_UNKNOWN"
  | "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"
  // kms-audit, across VPCs and accounts
  | "TRANSIT_ENTERED"
  | "NO_ROUTE_ACROSS_VPCS"
  | "PCX_EDGE_TO_EDGE"
  | "DNS_PRIVATE_ZONE"
  | "DNS_FORWARDED"
  | "DNS_NO_RECORD"
  | "DNS_TARGET_GONE"
  | "DNS_ZONE_NOT_ASSOCIATED"
  | "DNS_ZONE_CONFLICT";

/** A component on the path, in the spirit of Reachability Analyzer's AnalysisComponent. */
export interface ComponentRef {
  readonly type: ResourceType | "route" | "endpoint-policy" | "dns" | "service" | "transit-gateway" | "virtual-private-gateway" | "network-interface" | "instance" | "other-target";
  readonly id: string;
  /** The account holding the component, when it is not the path's own (a hub's route table, a shared zone). */
  readonly account?: string;
  readonly arn?: string;
  readonly name?: string;
}

export interface Hop {
  readonly component: ComponentRef;
  readonly status: HopStatus;
  readonly code: ExplanationCode;
  readonly direction?: "egress" | "ingress";
  /** What was checked and what was found, in one sentence that names ids, ports and CIDRs. */
  readonly detail: string;
  /** For fail/unknown: the setting to change, e.g. "sg-0abc inbound rules: add TCP 443 from sg-0fn". */
  readonly setting?: string;
  /** Filter hops: the traffic checked, as a fixing rule needs it. */
  readonly traffic?: HopTraffic;
  /** Routing hops: the route that matched (or, for a missing route, the route a fix adds: destination and target). */
  readonly route?: HopRoute;
  /** Hops checked at a subnet other than the function's (a transit gateway attachment's gap): that subnet. */
  readonly subnetId?: string;
  /**
   * A fail hop that drops only some of the path's connections (those on some source ports, or those sent to one of
   * several endpoint network interfaces): the calls fail intermittently, not every time.
   */
  readonly partial?: true;
}

export interface HopTraffic {
  readonly protocol: "tcp";
  readonly fromPort: number;
  readonly toPort: number;
  /** The other end as a CIDR (0.0.0.0/0 for a service's public IPs). */
  readonly peerCidr: string;
  /**
   * Network ACL hops that don't admit every port: the ports that are denied or may be, with the rule numbers that
   * decide them ("*" is the default deny; in a denied run the last number decides and the others may match).
   */
  readonly unadmitted?: readonly { readonly from: number; readonly to: number; readonly verdict: "deny" | "unknown"; readonly rules: readonly string[] }[];
}

export interface HopRoute {
  readonly routeTableId: string;
  /** Destination CIDR or prefix list id. */
  readonly destination: string;
  readonly target: string;
}

export type PathKind = "interface-endpoint" | "gateway-endpoint" | "nat-gateway" | "internet-gateway" | "other";

/** One candidate way to the service, evaluated hop by hop. */
export interface PathAttempt {
  readonly kind: PathKind;
  /** The endpoint, NAT gateway, gateway or foreign target this attempt goes through. */
  readonly via?: ComponentRef;
  readonly outcome: "reachable" | "blocked" | "unverifiable";
  readonly hops: readonly Hop[];
}

export interface PathResult {
  readonly service: string;
  readonly account: string;
  readonly region: string;
  readonly function: ResourceRef;
  readonly functionName: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly availabilityZone?: string;
  readonly verdict: Verdict;
  /** Why the function is believed to call the service (empty for KMS without evidence: KMS is always evaluated). */
  readonly evidence?: readonly UseEvidence[];
  /** The endpoint or NAT gateway through which the service is reached, when reachable. */
  readonly via?: ComponentRef;
  /** The attempts that decided the verdict, in evaluation order (DNS decides which ones traffic can take). */
  readonly attempts: readonly PathAttempt[];
  /** Every fail/unknown hop of the deciding attempts (not just the first). Empty when reachable. */
  readonly blocking: readonly Hop[];
  /** info hops worth reporting even when reachable (AZ crossed, endpoint in another AZ). */
  readonly notes: readonly Hop[];
}

/** An AWS service the model can route to, without service-specific path code. */
export interface ServiceSpec {
  readonly id: string;
  /** How messages name it: "Secrets Manager". */
  readonly title: string;
  /** Endpoint service name suffixes after com.amazonaws.<region>. ; the first is the default hostname's. */
  readonly endpointServiceSuffixes: readonly string[];
  /** The call the function needs to make through an endpoint policy, e.g. kms:Decrypt. */
  readonly requiredAction: string;
  /** S3 and DynamoDB also have (free) gateway endpoints. */
  readonly hasGatewayEndpoint: boolean;
  hostname(region: string): string;
}
