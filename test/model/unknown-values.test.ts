import type { NetworkAclEntry } from "@aws-sdk/client-ec2";
import { HTTPS, networkAclAdmits, parseIpv4Cidr } from "../../src/model/index.js";
import { isUnknown, unknownName, unknownValue } from "../../src/model/unknown.js";
import { aclEntry, ids, networkAcl, route, routeTable, localRoute, scenario, securityGroup, tcp, withKmsEndpoint, withNat } from "../support/build.js";
import { pathOf, summary } from "./helpers.js";

const cidrParameter = unknownValue("parameter AllowedClientCidr");
/** Unknown values stand in fields typed as numbers or booleans, as the IaC readers put them there. */
const asNumber = (text: string) => text as unknown as number;
const asBoolean = (text: string) => text as unknown as boolean;

describe("unknown values (left open until deploy)", () => {
  it("are a text no AWS value can be, and name what to provide", () => {
    expect(cidrParameter).toBe("(unknown: parameter AllowedClientCidr)");
    expect(unknownName(cidrParameter)).toBe("parameter AllowedClientCidr");
    expect(isUnknown("10.0.0.0/16")).toBe(false);
    expect(isUnknown(443)).toBe(false);
    expect(isUnknown(undefined)).toBe(false);
  });

  it("an endpoint security group admitting an unknown CIDR leaves the path unverifiable, never reachable or blocked", () => {
    const d = withKmsEndpoint(scenario());
    d.securityGroups = d.securityGroups.map((g) => (g.GroupId === ids.sgEndpoint ? securityGroup({ GroupId: ids.sgEndpoint, IpPermissions: [tcp.fromCidr(443, cidrParameter)] }) : g));
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`unknown ENI_SG_RULES_MISMATCH ${ids.sgEndpoint}`]);
    expect(path.blocking[0]?.detail).toContain("(unknown: parameter AllowedClientCidr) (may cover)");
  });

  it("the same rule with a known CIDR outside the function's subnet blocks (the control case)", () => {
    const d = withKmsEndpoint(scenario());
    d.securityGroups = d.securityGroups.map((g) => (g.GroupId === ids.sgEndpoint ? securityGroup({ GroupId: ids.sgEndpoint, IpPermissions: [tcp.fromCidr(443, "192.168.0.0/24")] }) : g));
    expect(pathOf(d).verdict).toBe("blocked");
  });

  it("an unknown port makes an otherwise certain rule uncertain", () => {
    const d = withKmsEndpoint(scenario());
    d.securityGroups = d.securityGroups.map((g) => (g.GroupId === ids.sgEndpoint ? securityGroup({ GroupId: ids.sgEndpoint, IpPermissions: [{ ...tcp.fromGroup(443, ids.sgFunction), FromPort: asNumber(unknownValue("parameter Port")), ToPort: asNumber(unknownValue("parameter Port")) }] }) : g));
    expect(pathOf(d).verdict).toBe("unverifiable");
  });

  it("a default route whose destination is unknown may or may not carry the traffic", () => {
    const d = scenario();
    d.routeTables.push(routeTable({ RouteTableId: "rtb-0unknown", Routes: [localRoute(), route({ DestinationCidrBlock: unknownValue("parameter EgressCidr"), NatGatewayId: ids.nat })] }, { subnets: [ids.privateA] }));
    const withNatGateway = withNat(d);
    withNatGateway.routeTables = withNatGateway.routeTables.filter((t) => t.RouteTableId !== ids.rtbPrivate);
    expect(pathOf(withNatGateway).verdict).toBe("unverifiable");
  });

  it("a route to an unknown NAT gateway id names the value instead of calling the NAT gateway missing", () => {
    const d = scenario();
    d.routeTables.push(routeTable({ RouteTableId: "rtb-0imported", Routes: [localRoute(), route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: unknownValue("Fn::ImportValue shared-nat") })] }, { subnets: [ids.privateA] }));
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(path.blocking.map((h) => h.detail).join(" ")).toContain("depends on Fn::ImportValue shared-nat, which is not known before deployment");
  });

  it("a function subnet that is unknown (a stub with that id, as src/iac writes it) is unverifiable and names the value", () => {
    const d = withNat(scenario());
    d.functions = d.functions.map((f) => ({ ...f, VpcConfig: { SubnetIds: [unknownValue("parameter SubnetId")], SecurityGroupIds: [ids.sgFunction] } }));
    d.subnets.push({ SubnetId: unknownValue("parameter SubnetId"), CidrBlock: unknownValue("the CIDR of parameter SubnetId") });
    const path = pathOf(d, unknownValue("parameter SubnetId"));
    expect(path.verdict).toBe("unverifiable");
    expect(path.blocking[0]?.setting).toContain("parameter SubnetId");
  });

  it("an endpoint whose private DNS is unknown may or may not capture the hostname: unverifiable when the public way is blocked", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints = d.vpcEndpoints.map((e) => ({ ...e, PrivateDnsEnabled: asBoolean(unknownValue("parameter PrivateDns")) }));
    expect(pathOf(d).verdict).toBe("unverifiable");
  });

  it("a VPC DNS attribute that is unknown names the value in the hop", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcAttributes = [{ VpcId: ids.vpc, EnableDnsSupport: { Value: true } }, { VpcId: ids.vpc, EnableDnsHostnames: { Value: asBoolean(unknownValue("parameter DnsHostnames")) } }];
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(path.blocking.map((h) => h.detail)).toContain(`enableDnsHostnames of ${ids.vpc} (whether private DNS applies) depends on parameter DnsHostnames, which is not known before deployment.`);
    d.vpcAttributes = [{ VpcId: ids.vpc, EnableDnsSupport: { Value: asBoolean(unknownValue("parameter DnsSupport")) } }, { VpcId: ids.vpc, EnableDnsHostnames: { Value: true } }];
    expect(pathOf(d).blocking.map((h) => h.detail)).toContain(`enableDnsSupport of ${ids.vpc} (whether kms.ap-northeast-1.amazonaws.com resolves) depends on parameter DnsSupport, which is not known before deployment.`);
  });

  it("an endpoint whose private DNS is unknown with a working NAT as well reaches the service either way", () => {
    const d = withNat(withKmsEndpoint(scenario()));
    d.vpcEndpoints = d.vpcEndpoints.map((e) => ({ ...e, PrivateDnsEnabled: asBoolean(unknownValue("parameter PrivateDns")) }));
    expect(pathOf(d).verdict).toBe("reachable-via-nat");
  });
});

describe("network ACL entries with unknown values", () => {
  const subnetA = [parseIpv4Cidr("10.0.10.0/24")!];
  const acl = (entries: NetworkAclEntry[]) => networkAcl({ NetworkAclId: "acl-0test", Entries: entries });
  const inbound = (p: Partial<NetworkAclEntry> & { RuleNumber: number }) => aclEntry({ Egress: false, ...p });

  it("an allow with an unknown CIDR leaves the port unknown, not denied", () => {
    expect(networkAclAdmits(acl([inbound({ RuleNumber: 100, CidrBlock: cidrParameter })]), "ingress", HTTPS, subnetA).admits).toBe("maybe");
  });

  it("an unknown action decides nothing for certain", () => {
    expect(networkAclAdmits(acl([inbound({ RuleNumber: 100, RuleAction: unknownValue("parameter Action") as "allow" })]), "ingress", HTTPS, subnetA).admits).toBe("maybe");
  });

  it("an unknown rule number may put a deny before the allow", () => {
    const entries = [inbound({ RuleNumber: 100 }), inbound({ RuleNumber: asNumber(unknownValue("parameter RuleNumber")), RuleAction: "deny" })];
    expect(networkAclAdmits(acl(entries), "ingress", HTTPS, subnetA).admits).toBe("maybe");
  });

  it("unknown ports of a deny may cover 443", () => {
    const entries = [inbound({ RuleNumber: 90, Protocol: "6", PortRange: { From: asNumber(unknownValue("parameter Port")), To: asNumber(unknownValue("parameter Port")) }, RuleAction: "deny" }), inbound({ RuleNumber: 100 })];
    expect(networkAclAdmits(acl(entries), "ingress", HTTPS, subnetA).admits).toBe("maybe");
  });
});
