import { gapHop, hop, unknownValueHop } from "./hops.js";
import { usesAmazonDns } from "./dns.js";
import { memoised } from "./memo.js";
import type { RegionIndex } from "./model.js";
import type { Hop } from "./types.js";

/**
 * Before any packet leaves, the function resolves the service's hostname through the resolver its VPC's DHCP options
 * name. With AmazonProvidedDNS, that is the VPC's Amazon DNS server, which enableDnsSupport = false switches off
 * (aws-semantics §2.1, vpc-dns.md): then no hostname resolves and every path is blocked.
 */
export function nameResolutionHop(index: RegionIndex, vpcId: string, hostname: string): Hop {
  return memoised(index, ["name-resolution", vpcId, hostname], () => nameResolutionHopOnce(index, vpcId, hostname));
}

function nameResolutionHopOnce(index: RegionIndex, vpcId: string, hostname: string): Hop {
  const resolver = usesAmazonDns(index, vpcId);
  if (resolver.uses === "maybe") {
    if (resolver.hop.code !== "DNS_CUSTOM_RESOLVER") return resolver.hop;
    return hop(resolver.hop.component, "info", "DNS_CUSTOM_RESOLVER", `${resolver.hop.detail} Public names such as ${hostname} are assumed to resolve through them.`);
  }
  return dnsSupportHop(index, vpcId, hostname);
}

/** enableDnsSupport of a VPC that resolves through the Amazon DNS server. */
export function dnsSupportHop(index: RegionIndex, vpcId: string, hostname: string): Hop {
  const component = { type: "vpc" as const, id: vpcId };
  const support = index.dnsSupport(vpcId);
  if (support === true) return hop(component, "pass", "DNS_RESOLVES", `${vpcId} has enableDnsSupport = true: the Amazon DNS server resolves ${hostname}.`);
  if (support === false) {
    return hop(component, "fail", "VPC_DNS_SUPPORT_DISABLED", `${vpcId} has enableDnsSupport = false and resolves through AmazonProvidedDNS, so the Amazon DNS server is off: ${hostname} does not resolve at all (neither to an endpoint nor to public IPs).`, {
      setting: `${vpcId}: set enableDnsSupport to true`,
    });
  }
  const unknown = index.unknownDnsAttribute?.(vpcId, "enableDnsSupport");
  if (unknown !== undefined) return unknownValueHop(component, `enableDnsSupport of ${vpcId} (whether ${hostname} resolves)`, unknown);
  return (
    gapHop(index, "DescribeVpcAttribute", `whether ${vpcId} resolves ${hostname} (enableDnsSupport)`) ??
    hop(component, "unknown", "DATA_GAP", `enableDnsSupport of ${vpcId} is not in the DescribeVpcAttribute data, so whether ${hostname} resolves at all is unknown.`, {
      setting: `collect DescribeVpcAttribute enableDnsSupport for ${vpcId}`,
    })
  );
}
