import type { NetworkAclEntry } from "@aws-sdk/client-ec2";
import { EPHEMERAL, HTTPS, networkAclAdmits, parseIpv4Cidr, PUBLIC_SPACE } from "../../src/model/index.js";
import { aclEntry, ids, networkAcl, scenario, tcp, withKmsEndpoint, withNat, type RegionData } from "../support/build.js";
import { pathOf, summary } from "./helpers.js";

const subnetA = [parseIpv4Cidr("10.0.10.0/24")!];
const acl = (entries: NetworkAclEntry[]) => networkAcl({ NetworkAclId: "acl-0test", Entries: entries });
const inbound = (p: Partial<NetworkAclEntry> & { RuleNumber: number }) => aclEntry({ Egress: false, ...p });
const defaultDeny = inbound({ RuleNumber: 32767, RuleAction: "deny" });

describe("networkAclAdmits", () => {
  it("evaluates entries in rule-number order, first match wins (deny before allow)", () => {
    const entries = [inbound({ RuleNumber: 200 }), inbound({ RuleNumber: 100, Protocol: "6", PortRange: { From: 443, To: 443 }, RuleAction: "deny" }), defaultDeny];
    expect(networkAclAdmits(acl(entries), "ingress", HTTPS, subnetA)).toEqual({ admits: "no", ports: [{ from: 443, to: 443, verdict: "deny", rules: ["100"] }] });
  });

  it("an allow with a lower number wins over a later deny", () => {
    const entries = [inbound({ RuleNumber: 90, Protocol: "6", PortRange: { From: 443, To: 443 } }), inbound({ RuleNumber: 100, RuleAction: "deny" })];
    expect(networkAclAdmits(acl(entries), "ingress", HTTPS, subnetA).admits).toBe("yes");
  });

  it("splits the ephemeral range at rule boundaries and reports which ports each rule decides", () => {
    const entries = [inbound({ RuleNumber: 100, Protocol: "6", PortRange: { From: 32768, To: 65535 } }), defaultDeny];
    expect(networkAclAdmits(acl(entries), "ingress", EPHEMERAL, PUBLIC_SPACE)).toEqual({
      admits: "no",
      ports: [
        { from: 1024, to: 32767, verdict: "deny", rules: ["32767"] },
        { from: 32768, to: 65535, verdict: "allow", rules: ["100"] },
      ],
    });
  });

  it("denies with the implicit default (*) when no entry matches", () => {
    expect(networkAclAdmits(acl([]), "egress", HTTPS, subnetA)).toEqual({ admits: "no", ports: [{ from: 443, to: 443, verdict: "deny", rules: ["*"] }] });
  });

  it("protocols other than -1 and 6 never match TCP; IPv6 entries never match IPv4", () => {
    const entries = [
      inbound({ RuleNumber: 100, Protocol: "17", PortRange: { From: 0, To: 65535 } }),
      { RuleNumber: 110, Egress: false, Protocol: "-1", RuleAction: "allow", Ipv6CidrBlock: "::/0" } satisfies NetworkAclEntry,
      defaultDeny,
    ];
    expect(networkAclAdmits(acl(entries), "ingress", HTTPS, subnetA).admits).toBe("no");
  });

  it("only the entries of the asked direction count", () => {
    const entries = [aclEntry({ RuleNumber: 100, Egress: true }), defaultDeny];
    expect(networkAclAdmits(acl(entries), "ingress", HTTPS, subnetA).admits).toBe("no");
    expect(networkAclAdmits(acl(entries), "egress", HTTPS, subnetA).admits).toBe("yes");
  });

  it("an entry whose CIDR covers only part of the peer leaves the outcome open unless both branches agree", () => {
    const partialDeny = [inbound({ RuleNumber: 100, CidrBlock: "52.0.0.0/8", RuleAction: "deny" }), inbound({ RuleNumber: 200 }), defaultDeny];
    expect(networkAclAdmits(acl(partialDeny), "ingress", HTTPS, PUBLIC_SPACE)).toEqual({
      admits: "maybe",
      ports: [{ from: 443, to: 443, verdict: "unknown", rules: ["100", "200"] }],
    });
    const partialAllowThenAllow = [inbound({ RuleNumber: 100, CidrBlock: "52.0.0.0/8" }), inbound({ RuleNumber: 200 })];
    expect(networkAclAdmits(acl(partialAllowThenAllow), "ingress", HTTPS, PUBLIC_SPACE).admits).toBe("yes");
  });
});

function replaceAcl(d: RegionData, subnetId: string, entries: NetworkAclEntry[]): RegionData {
  const def = d.networkAcls[0]!;
  def.Associations = def.Associations!.filter((a) => a.SubnetId !== subnetId);
  d.networkAcls.push(networkAcl({ NetworkAclId: `acl-0${subnetId.slice(-2)}`, Entries: entries }, [subnetId]));
  return d;
}

const egressAll = aclEntry({ RuleNumber: 100, Egress: true });
const egressDeny = aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" });

describe("network ACLs on the paths", () => {
  it("a function subnet NACL without the ephemeral return blocks the NAT path, naming ports and rule", () => {
    const d = replaceAcl(withNat(scenario()), ids.privateA, [inbound({ RuleNumber: 100, Protocol: "6", PortRange: { From: 443, To: 443 } }), defaultDeny, egressAll, egressDeny]);
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([`fail NO_ENDPOINT ${ids.vpc}`, "fail SUBNET_ACL_RESTRICTION acl-0a1"]);
    expect(path.blocking[1]!.detail).toBe(`acl-0a1 denies inbound TCP 1024-65535 from kms's public IPs on ${ids.privateA}: ports 1024-65535 by rule 32767.`);
    expect(path.blocking[1]!.setting).toBe("acl-0a1 inbound rules: allow TCP 1024-65535 from 0.0.0.0/0, numbered after every deny rule that covers it");
    expect(path.blocking[1]!.partial).toBeUndefined();
    expect(path.blocking[1]!.traffic?.unadmitted).toEqual([{ from: 1024, to: 65535, verdict: "deny", rules: ["32767"] }]);
  });

  it("a NAT subnet NACL that admits only part of the ephemeral range blocks (intermittent) with the denied ports", () => {
    const d = replaceAcl(withNat(scenario()), ids.publicA, [
      inbound({ RuleNumber: 100, Protocol: "6", PortRange: { From: 443, To: 443 } }),
      inbound({ RuleNumber: 110, Protocol: "6", PortRange: { From: 32768, To: 65535 } }),
      defaultDeny,
      egressAll,
      egressDeny,
    ]);
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(path.blocking.map((h) => h.detail)).toEqual([
      `${ids.vpc} has no interface endpoint com.amazonaws.ap-northeast-1.kms.`,
      `acl-0a1 denies inbound TCP 1024-65535 from kms's public IPs on ${ids.publicA}: ports 1024-32767 by rule 32767, while 32768-65535 are admitted: only connections on the denied ports fail.`,
    ]);
    expect(path.blocking[1]!.partial).toBe(true);
  });

  it("endpoint and function in the same subnet skip NACLs", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, SubnetIds: [ids.privateA] };
    replaceAcl(d, ids.privateA, [defaultDeny, egressDeny]);
    const path = pathOf(d);
    expect(path.verdict).toBe("reachable-via-endpoint");
    expect(path.attempts[0]!.hops.filter((h) => h.code === "ACL_SAME_SUBNET").map((h) => h.status)).toEqual(["info"]);
  });

  it("lists both the endpoint SG and the NACL when both are wrong", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, SubnetIds: [ids.privateC] };
    d.securityGroups.find((g) => g.GroupId === ids.sgEndpoint)!.IpPermissions = [tcp.fromCidr(80, "10.0.0.0/16")];
    replaceAcl(d, ids.privateC, [inbound({ RuleNumber: 100, Protocol: "6", PortRange: { From: 443, To: 443 }, CidrBlock: "10.0.11.0/24" }), defaultDeny, egressAll, egressDeny]);
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    // In path order (issue 10 §5): the endpoint subnet's ACL before the endpoint's security group.
    expect(summary(path.blocking)).toEqual(["fail SUBNET_ACL_RESTRICTION acl-0c1", `fail ENI_SG_RULES_MISMATCH ${ids.sgEndpoint}`]);
    expect(path.blocking[0]!.detail).toBe(`acl-0c1 denies inbound TCP 443 from ${ids.privateA} (10.0.10.0/24) on ${ids.privateC}: ports 443 by rule 32767.`);
  });
});
