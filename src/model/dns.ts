import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "./model.js";
import type { ComponentRef, Hop } from "./types.js";
import { gapHop, hop, unknownValueHop } from "./hops.js";
import { unknownName } from "./unknown.js";
import { memoised } from "./memo.js";
import { isAvailable } from "./lookups.js";
import type { Tri } from "./tri.js";
import { dnsSupportHop } from "./name-resolution.js";

export interface DnsCapture {
  /** Whether the service's default hostname resolves, inside the VPC, to this endpoint's ENIs. */
  readonly capture: Tri;
  readonly hops: readonly Hop[];
}

const AMAZON_DNS = "amazonprovideddns";

/** Whether the VPC's DHCP options make its resources resolve through the Amazon-provided DNS (Route 53 Resolver). */
export function usesAmazonDns(index: RegionIndex, vpcId: string): { readonly uses: Tri; readonly hop: Hop } {
  const vpc = index.vpcs.get(vpcId);
  const optionsId = vpc?.DhcpOptionsId;
  const dns: ComponentRef = { type: "dhcp-options", id: optionsId ?? `dhcp-options-of-${vpcId}` };
  if (vpc === undefined) {
    const gap = gapHop(index, "DescribeVpcs", `the DHCP options of ${vpcId}`);
    return { uses: "maybe", hop: gap ?? hop(dns, "unknown", "UNKNOWN_RESOURCE", `${vpcId} is not in the DescribeVpcs data, so its DNS resolver is unknown.`, { setting: `re-collect DescribeVpcs` }) };
  }
  if (optionsId === undefined || optionsId === "default") {
    return { uses: "yes", hop: hop(dns, "pass", "DNS_RESOLVES", `${vpcId} uses the default DHCP options: AmazonProvidedDNS.`) };
  }
  const options = index.dhcpOptions.get(optionsId);
  if (options === undefined) {
    const gap = gapHop(index, "DescribeDhcpOptions", `the DNS servers of ${optionsId}`);
    return { uses: "maybe", hop: gap ?? hop(dns, "unknown", "UNKNOWN_RESOURCE", `${optionsId} (DHCP options of ${vpcId}) is not in the DescribeDhcpOptions data.`, { setting: `re-collect DescribeDhcpOptions` }) };
  }
  const servers = (options.DhcpConfigurations ?? []).filter((c) => c.Key === "domain-name-servers").flatMap((c) => c.Values ?? []).flatMap((v) => (v.Value === undefined ? [] : [v.Value]));
  if (servers.length > 0 && servers.every((s) => s.toLowerCase() === AMAZON_DNS)) {
    return { uses: "yes", hop: hop(dns, "pass", "DNS_RESOLVES", `${optionsId} of ${vpcId} sets domain-name-servers to AmazonProvidedDNS.`) };
  }
  const list = servers.length === 0 ? "no domain-name-servers" : `domain-name-servers ${servers.join(", ")}`;
  return {
    uses: "maybe",
    hop: hop(dns, "unknown", "DNS_CUSTOM_RESOLVER", `${optionsId} of ${vpcId} sets ${list}: whether they answer with the endpoint's private IPs (e.g. by forwarding to the VPC resolver) is not in the snapshot.`, {
      setting: `make the resolvers forward amazonaws.com to the VPC resolver (${vpcId} +2), or use DHCP options with AmazonProvidedDNS`,
    }),
  };
}

function attributeHop(index: RegionIndex, vpcId: string, endpointId: string, name: "enableDnsHostnames"): { value: Tri; hop: Hop } {
  const value = index.dnsHostnames(vpcId);
  const component: ComponentRef = { type: "vpc", id: vpcId };
  const code = "VPC_DNS_HOSTNAMES_DISABLED";
  const setting = `${vpcId}: set enableDnsHostnames to true`;
  if (value === true) return { value: "yes", hop: hop(component, "pass", "DNS_RESOLVES_TO_ENDPOINT", `${vpcId} has ${name} = true.`) };
  if (value === false) {
    return {
      value: "no",
      hop: hop(component, "fail", code, `${vpcId} has ${name} = false, so private DNS of ${endpointId} does not apply: the service hostname resolves to public IPs.`, { setting }),
    };
  }
  const unknown = index.unknownDnsAttribute?.(vpcId, name);
  if (unknown !== undefined) return { value: "maybe", hop: unknownValueHop(component, `${name} of ${vpcId} (whether private DNS applies)`, unknown) };
  const gap = gapHop(index, "DescribeVpcAttribute", `${name} of ${vpcId}`);
  const missing = hop(component, "unknown", "DATA_GAP", `${name} of ${vpcId} is not in the DescribeVpcAttribute data, so whether private DNS applies is unknown.`, {
    setting: `collect DescribeVpcAttribute ${name} for ${vpcId}`,
  });
  return { value: "maybe", hop: gap ?? missing };
}

/** enableDnsSupport as the endpoint's DNS capture sees it: the same hop the name-resolution check gives every path. */
function supportAttribute(index: RegionIndex, vpcId: string, hostname: string): { value: Tri; hop: Hop } {
  const supportHop = dnsSupportHop(index, vpcId, hostname);
  const value = index.dnsSupport(vpcId);
  return { value: value === true ? "yes" : value === false ? "no" : "maybe", hop: supportHop };
}

/**
 * Whether the service's default hostname resolves to the interface endpoint (private DNS): needs private DNS on,
 * the VPC's enableDnsSupport and enableDnsHostnames, and the Amazon-provided resolver (aws-semantics §2.1).
 */
export function privateDnsCapture(index: RegionIndex, endpoint: VpcEndpoint, hostname: string): DnsCapture {
  return memoised(index, ["dns-capture", endpoint, hostname], () => {
    const capture = privateDnsCaptureOnce(index, endpoint, hostname);
    return { capture: capture.capture, hops: Object.freeze([...capture.hops]) };
  });
}

function privateDnsCaptureOnce(index: RegionIndex, endpoint: VpcEndpoint, hostname: string): DnsCapture {
  const id = endpoint.VpcEndpointId ?? "(endpoint)";
  const vpcId = endpoint.VpcId ?? "";
  const component: ComponentRef = { type: "vpc-endpoint", id };
  const unknownDns = unknownName(endpoint.PrivateDnsEnabled);
  if (unknownDns !== undefined) return { capture: "maybe", hops: [unknownValueHop(component, `whether ${hostname} resolves to ${id} (private DNS)`, unknownDns)] };
  if (endpoint.PrivateDnsEnabled !== true) {
    return {
      capture: "no",
      hops: [
        hop(component, "fail", "PRIVATE_DNS_DISABLED", `${id} has private DNS off, so ${hostname} resolves to public IPs, not to the endpoint.`, {
          setting: `${id}: turn private DNS on`,
        }),
      ],
    };
  }
  if (endpoint.DnsOptions?.PrivateDnsOnlyForInboundResolverEndpoint === true) {
    return {
      capture: "no",
      hops: [hop(component, "info", "PRIVATE_DNS_DISABLED", `${id} has private DNS only for inbound Resolver endpoints, so inside ${vpcId} ${hostname} resolves to public IPs (the gateway endpoint route decides).`)],
    };
  }
  const support = supportAttribute(index, vpcId, hostname);
  const hostnames = attributeHop(index, vpcId, id, "enableDnsHostnames");
  const resolver = usesAmazonDns(index, vpcId);
  const hops: Hop[] = [
    hop(component, "pass", "DNS_RESOLVES_TO_ENDPOINT", `${id} has private DNS on for ${hostname}.`),
    support.hop,
    hostnames.hop,
    resolver.hop,
  ];
  if (support.value === "no" || hostnames.value === "no") return { capture: "no", hops };
  if (!isAvailable(endpoint.State)) {
    hops.push(hop(component, "info", "ENDPOINT_STATE", `${id} is ${endpoint.State ?? "in an unknown state"}, not available: whether ${hostname} still resolves to it is not known.`));
    return { capture: "maybe", hops };
  }
  if (support.value === "maybe" || hostnames.value === "maybe" || resolver.uses === "maybe") return { capture: "maybe", hops };
  return { capture: "yes", hops };
}
