import { ACCOUNT, REGION, dhcpOptions, dnsAttributes, ids, scenario, wire, withKmsEndpoint, withNat, type RegionData } from "../support/build.js";
import { codes, pathOf, summary } from "./helpers.js";

function both(): RegionData {
  return withKmsEndpoint(withNat(scenario()));
}

describe("private DNS decides which path traffic takes", () => {
  it("DNS resolving to an available endpoint: only the endpoint path counts, no fallback to NAT", () => {
    const d = both();
    d.securityGroups.find((g) => g.GroupId === ids.sgEndpoint)!.IpPermissions = [];
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(path.attempts.map((a) => a.kind)).toEqual(["interface-endpoint"]);
  });

  it("private DNS off: the verdict comes from the NAT path and the endpoint's PRIVATE_DNS_DISABLED is recorded", () => {
    const d = both();
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, PrivateDnsEnabled: false };
    const path = pathOf(d);
    expect(path.verdict).toBe("reachable-via-nat");
    expect(path.via).toEqual({ type: "nat-gateway", id: ids.nat });
    expect(path.blocking).toEqual([]);
    expect(path.attempts.map((a) => `${a.kind} ${a.outcome}`)).toEqual(["interface-endpoint blocked", "nat-gateway reachable"]);
    expect(summary(path.attempts[0]!.hops.filter((h) => h.code === "PRIVATE_DNS_DISABLED"))).toEqual([`fail PRIVATE_DNS_DISABLED ${ids.kmsEndpoint}`]);
    expect(codes(path.notes)).toEqual(["PRIVATE_DNS_DISABLED"]);
  });

  it("private DNS off and no NAT: blocked, listing the DNS setting and the missing route", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, PrivateDnsEnabled: false };
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([`fail PRIVATE_DNS_DISABLED ${ids.kmsEndpoint}`, `fail NO_ROUTE_TO_DESTINATION ${ids.rtbMain}`]);
    expect(path.blocking[0]!.setting).toBe(`${ids.kmsEndpoint}: turn private DNS on`);
  });

  it.each([
    [false, true, "VPC_DNS_SUPPORT_DISABLED"],
    [true, false, "VPC_DNS_HOSTNAMES_DISABLED"],
  ])("enableDnsSupport=%s enableDnsHostnames=%s: the hostname resolves publicly (%s)", (support, hostnames, code) => {
    const d = withKmsEndpoint(scenario());
    d.vpcAttributes = dnsAttributes(ids.vpc, support, hostnames);
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([`fail ${code} ${ids.vpc}`, `fail NO_ROUTE_TO_DESTINATION ${ids.rtbMain}`]);
  });

  it("custom DNS servers: unverifiable unless both paths work", () => {
    const d = withKmsEndpoint(scenario());
    d.dhcpOptions = [dhcpOptions(ids.dopt, ["10.0.0.2", "192.168.0.53"])];
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(path.attempts.map((a) => `${a.kind} ${a.outcome}`)).toEqual(["interface-endpoint reachable", "other blocked"]);
    expect(summary(path.blocking)).toEqual([`unknown DNS_CUSTOM_RESOLVER ${ids.dopt}`, `fail NO_ROUTE_TO_DESTINATION ${ids.rtbMain}`]);
  });

  it("custom DNS servers with both paths working: reachable via NAT, with an info note", () => {
    const d = both();
    d.dhcpOptions = [dhcpOptions(ids.dopt, ["10.0.0.2"])];
    const path = pathOf(d);
    expect(path.verdict).toBe("reachable-via-nat");
    expect(path.notes.map((n) => `${n.status} ${n.code}`)).toContain("info DNS_RESOLVES_TO_ENDPOINT");
  });

  it("custom DNS servers with both paths failing: blocked", () => {
    const d = withKmsEndpoint(scenario());
    d.dhcpOptions = [dhcpOptions(ids.dopt, ["10.0.0.2"])];
    d.securityGroups.find((g) => g.GroupId === ids.sgEndpoint)!.IpPermissions = [];
    expect(pathOf(d).verdict).toBe("blocked");
  });

  it("the VPC's 'default' DHCP options mean AmazonProvidedDNS", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcs[0] = { ...d.vpcs[0]!, DhcpOptionsId: "default" };
    d.dhcpOptions = [];
    expect(pathOf(d).verdict).toBe("reachable-via-endpoint");
  });

  it("an unknown VPC DNS attribute makes the capture uncertain", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcAttributes = [{ VpcId: ids.vpc, EnableDnsSupport: { Value: true } }];
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`unknown DATA_GAP ${ids.vpc}`, `fail NO_ROUTE_TO_DESTINATION ${ids.rtbMain}`]);
    expect(path.blocking[0]!.detail).toBe(`enableDnsHostnames of ${ids.vpc} is not in the DescribeVpcAttribute data, so whether private DNS applies is unknown.`);
  });

  it("an endpoint not available while private DNS is on: uncertain capture, ENDPOINT_STATE named", () => {
    const d = both();
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, State: wire("pendingAcceptance") };
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`fail ENDPOINT_STATE ${ids.kmsEndpoint}`]);
  });

  it("endpoint state is compared case-insensitively", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, State: "Available" };
    expect(pathOf(d).verdict).toBe("reachable-via-endpoint");
  });

  it("an S3 interface endpoint with private DNS only for inbound resolvers leaves in-VPC traffic to the route table", () => {
    const d = withNat(scenario());
    d.vpcEndpoints.push({
      ...withKmsEndpoint(scenario()).vpcEndpoints[0]!,
      VpcEndpointId: "vpce-0s3if",
      ServiceName: `com.amazonaws.${REGION}.s3`,
      DnsOptions: { DnsRecordIpType: "ipv4", PrivateDnsOnlyForInboundResolverEndpoint: true },
    });
    const path = pathOf(d, ids.privateA, "s3");
    expect(path.verdict).toBe("reachable-via-nat");
    expect(path.attempts.map((a) => a.kind)).toEqual(["interface-endpoint", "nat-gateway"]);
    expect(ACCOUNT).toBe("123456789012");
  });
});

describe("name resolution comes first on every path", () => {
  it("enableDnsSupport off with AmazonProvidedDNS blocks even a working NAT path: nothing resolves", () => {
    const d = withNat(scenario());
    d.vpcAttributes = dnsAttributes(ids.vpc, false, true);
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([`fail VPC_DNS_SUPPORT_DISABLED ${ids.vpc}`]);
    expect(path.attempts.map((a) => a.hops[0]!.code)).toEqual(path.attempts.map(() => "VPC_DNS_SUPPORT_DISABLED"));
  });

  it("enableDnsSupport off behind custom DNS servers leaves the NAT path to the custom resolver", () => {
    const d = withNat(scenario());
    d.vpcAttributes = dnsAttributes(ids.vpc, false, true);
    d.dhcpOptions = [dhcpOptions(ids.dopt, ["10.0.0.53"])];
    const path = pathOf(d);
    expect(path.verdict).toBe("reachable-via-nat");
    expect(path.attempts.at(-1)!.hops[0]!.code).toBe("DNS_CUSTOM_RESOLVER");
  });

  it("an unknown enableDnsSupport makes a working path unverifiable, never reachable", () => {
    const d = withNat(scenario());
    d.vpcAttributes = d.vpcAttributes.filter((a) => a.EnableDnsSupport === undefined);
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`unknown DATA_GAP ${ids.vpc}`]);
  });
});
