import type { IpPermission } from "@aws-sdk/client-ec2";
import { buildRegionIndex, parseIpv4Cidr, securityGroupAdmits, serviceSpec, type Peer } from "../../src/model/index.js";
import { ACCOUNT, REGION, allTraffic, ids, managedPrefixList, regionCalls, scenario, securityGroup, tcp, withKmsEndpoint, withNat, type RegionData } from "../support/build.js";
import { pathOf, summary } from "./helpers.js";

const kms: Peer = { kind: "service", service: serviceSpec("kms") };
const endpointSubnet: Peer = { kind: "subnet", subnetId: ids.privateC, addresses: [parseIpv4Cidr("10.0.11.0/24")!], groupIds: [ids.sgEndpoint] };
const functionSubnet: Peer = { kind: "subnet", subnetId: ids.privateA, addresses: [parseIpv4Cidr("10.0.10.0/24")!], groupIds: [ids.sgFunction] };

function indexWith(egress: IpPermission[], ingress: IpPermission[] = [], edit: (d: RegionData) => void = () => {}) {
  const d = scenario();
  d.securityGroups.push(securityGroup({ GroupId: "sg-0test", IpPermissionsEgress: egress, IpPermissions: ingress }));
  edit(d);
  return buildRegionIndex(ACCOUNT, REGION, regionCalls(d));
}

function egressTo(peer: Peer, ...rules: IpPermission[]) {
  return securityGroupAdmits(indexWith(rules), ["sg-0test"], "egress", 443, peer).admits;
}

describe("security group rule matching for TCP 443", () => {
  it("protocol -1 admits every port", () => {
    expect(egressTo(kms, allTraffic())).toBe("yes");
  });

  it("tcp and protocol number 6 admit 443 only when it is inside FromPort-ToPort", () => {
    expect(egressTo(kms, tcp.fromCidr([0, 65535], "0.0.0.0/0"))).toBe("yes");
    expect(egressTo(kms, { ...tcp.fromCidr(443, "0.0.0.0/0"), IpProtocol: "6" })).toBe("yes");
    expect(egressTo(kms, tcp.fromCidr([444, 1000], "0.0.0.0/0"))).toBe("no");
    expect(egressTo(kms, tcp.fromCidr(80, "0.0.0.0/0"))).toBe("no");
  });

  it("udp, icmp and other protocol numbers never carry TCP", () => {
    expect(egressTo(kms, { ...tcp.fromCidr(443, "0.0.0.0/0"), IpProtocol: "udp" })).toBe("no");
    expect(egressTo(kms, { ...allTraffic(), IpProtocol: "50" })).toBe("no");
    expect(egressTo(kms, { ...allTraffic(), IpProtocol: "icmp", FromPort: -1, ToPort: -1 })).toBe("no");
  });

  it("for the service's public IPs only 0.0.0.0/0 (or CIDRs whose union covers all public space) is certain", () => {
    expect(egressTo(kms, tcp.fromCidr(443, "52.0.0.0/8"))).toBe("maybe");
    expect(egressTo(kms, tcp.fromCidr(443, "10.0.0.0/8"))).toBe("no");
    expect(egressTo(kms, tcp.fromCidr(443, "0.0.0.0/1"), tcp.fromCidr(443, "128.0.0.0/1"))).toBe("yes");
  });

  it("a group reference never covers internet addresses", () => {
    expect(egressTo(kms, tcp.fromGroup(443, ids.sgEndpoint))).toBe("no");
  });

  it("for a subnet: whole containment yes, partial overlap maybe, disjoint no", () => {
    expect(egressTo(endpointSubnet, tcp.fromCidr(443, "10.0.0.0/16"))).toBe("yes");
    expect(egressTo(endpointSubnet, tcp.fromCidr(443, "10.0.11.0/25"))).toBe("maybe");
    expect(egressTo(endpointSubnet, tcp.fromCidr(443, "10.0.12.0/24"))).toBe("no");
  });

  it("a reference to one of the peer's groups covers it", () => {
    expect(egressTo(endpointSubnet, tcp.fromGroup(443, ids.sgEndpoint))).toBe("yes");
    expect(egressTo(endpointSubnet, tcp.fromGroup(443, "sg-0other"))).toBe("no");
  });

  it("prefix lists resolve through their entries; unresolved lists may cover", () => {
    const withList = (entries: string[] | undefined) =>
      indexWith([tcp.fromPrefixList(443, "pl-0vpc")], [], (d) => {
        d.prefixLists.push(managedPrefixList("pl-0vpc", "vpc-ranges", ACCOUNT));
        if (entries !== undefined) d.prefixListEntries.push({ PrefixListId: "pl-0vpc", Entries: entries.map((Cidr) => ({ Cidr })) });
      });
    expect(securityGroupAdmits(withList(["10.0.0.0/16"]), ["sg-0test"], "egress", 443, endpointSubnet).admits).toBe("yes");
    expect(securityGroupAdmits(withList(["192.168.0.0/16"]), ["sg-0test"], "egress", 443, endpointSubnet).admits).toBe("no");
    expect(securityGroupAdmits(withList(undefined), ["sg-0test"], "egress", 443, endpointSubnet).admits).toBe("maybe");
  });

  it("the service's own AWS prefix list covers it on a gateway path", () => {
    const index = indexWith([tcp.fromPrefixList(443, "pl-61a54008")]);
    const s3: Peer = { kind: "service", service: serviceSpec("s3"), gatewayPrefixListId: "pl-61a54008" };
    expect(securityGroupAdmits(index, ["sg-0test"], "egress", 443, s3).admits).toBe("yes");
  });

  it("an AWS-managed service prefix list holds that service's public IPs only", () => {
    const index = indexWith([tcp.fromPrefixList(443, "pl-61a54008")], [], (d) => d.prefixLists.push(managedPrefixList("pl-61a54008", `com.amazonaws.${REGION}.s3`)));
    expect(securityGroupAdmits(index, ["sg-0test"], "egress", 443, { kind: "service", service: serviceSpec("s3") }).admits).toBe("yes");
    expect(securityGroupAdmits(index, ["sg-0test"], "egress", 443, kms).admits).toBe("no");
    expect(securityGroupAdmits(index, ["sg-0test"], "egress", 443, endpointSubnet).admits).toBe("no");
  });

  it("the union of several groups applies; a missing group makes a no a maybe", () => {
    const index = indexWith([tcp.fromCidr(80, "0.0.0.0/0")]);
    expect(securityGroupAdmits(index, ["sg-0test", ids.sgFunction], "egress", 443, kms).admits).toBe("yes");
    const missing = securityGroupAdmits(index, ["sg-0test", "sg-0gone"], "egress", 443, kms);
    expect(missing.admits).toBe("maybe");
    expect(missing.missing).toEqual(["sg-0gone"]);
  });

  it("ingress is checked against IpPermissions, not egress rules", () => {
    const index = indexWith([allTraffic()], [tcp.fromGroup(443, ids.sgFunction)]);
    expect(securityGroupAdmits(index, ["sg-0test"], "ingress", 443, functionSubnet).admits).toBe("yes");
    expect(securityGroupAdmits(index, ["sg-0test"], "ingress", 443, endpointSubnet).admits).toBe("no");
  });
});

describe("security groups on the paths", () => {
  it("function SG without outbound 443 blocks the endpoint path, naming every endpoint subnet", () => {
    const d = withKmsEndpoint(scenario());
    d.securityGroups.find((g) => g.GroupId === ids.sgFunction)!.IpPermissionsEgress = [tcp.fromCidr(5432, "10.0.0.0/16")];
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([`fail ENI_SG_RULES_MISMATCH ${ids.sgFunction}`, `fail ENI_SG_RULES_MISMATCH ${ids.sgFunction}`]);
    expect(path.blocking.map((h) => h.detail)).toEqual([
      `${ids.sgFunction} (the function) has no outbound rule admitting TCP 443 to ${ids.privateA} (10.0.10.0/24).`,
      `${ids.sgFunction} (the function) has no outbound rule admitting TCP 443 to ${ids.privateC} (10.0.11.0/24).`,
    ]);
    expect(path.blocking[0]!.setting).toBe(`${ids.sgFunction} outbound rules: add TCP 443 to ${ids.sgEndpoint}`);
  });

  it("endpoint SG without inbound 443 from the function fails with the fix naming the function SG", () => {
    const d = withKmsEndpoint(scenario());
    d.securityGroups.find((g) => g.GroupId === ids.sgEndpoint)!.IpPermissions = [tcp.fromCidr(443, "192.168.0.0/16")];
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([`fail ENI_SG_RULES_MISMATCH ${ids.sgEndpoint}`]);
    expect(path.blocking[0]!.direction).toBe("ingress");
    expect(path.blocking[0]!.setting).toBe(`${ids.sgEndpoint} inbound rules: add TCP 443 from ${ids.sgFunction}`);
  });

  it("an endpoint SG with no inbound rules at all is SG_HAS_NO_RULES", () => {
    const d = withKmsEndpoint(scenario());
    d.securityGroups.find((g) => g.GroupId === ids.sgEndpoint)!.IpPermissions = [];
    expect(summary(pathOf(d).blocking)).toEqual([`fail SG_HAS_NO_RULES ${ids.sgEndpoint}`]);
  });

  it("an endpoint without security groups uses the VPC default SG", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, Groups: [] };
    const blocked = pathOf(d);
    expect(blocked.verdict).toBe("blocked");
    expect(summary(blocked.blocking)).toEqual([`fail ENI_SG_RULES_MISMATCH ${ids.sgDefault}`]);
    d.securityGroups.find((g) => g.GroupId === ids.sgDefault)!.IpPermissions!.push(tcp.fromCidr(443, "10.0.0.0/16"));
    expect(pathOf(d).verdict).toBe("reachable-via-endpoint");
  });

  it("the NAT path needs the function SG to admit 443 to 0.0.0.0/0; a partial public CIDR is unverifiable", () => {
    const d = scenario();
    d.securityGroups.find((g) => g.GroupId === ids.sgFunction)!.IpPermissionsEgress = [tcp.fromCidr(443, "52.0.0.0/8")];
    const path = pathOf(withNat(d));
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`unknown ENI_SG_RULES_MISMATCH ${ids.sgFunction}`]);
  });
});
