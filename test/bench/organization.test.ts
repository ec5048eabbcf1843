/**
 * The organization benchmark's figures are only comparable if its synthetic organization is: same seed, same
 * accounts; ids unique across accounts (a merged snapshot joins resources by id); spokes that route to the hub's
 * transit gateway; a snapshot the loader accepts and the analysis runs on without a tool error.
 */
import { accountIdOf, organizationSnapshot, syntheticOrganization } from "../../bench/synthetic/organization.js";
import { scan } from "../../src/engine/scan.js";
import { parseSnapshot } from "../../src/snapshot/load.js";

const OPTIONS = { accounts: 12, seed: 7 };

describe("synthetic benchmark organization", () => {
  const text = JSON.stringify(syntheticOrganization(OPTIONS));

  it("is deterministic for a seed, and differs across seeds", () => {
    expect(JSON.stringify(syntheticOrganization(OPTIONS))).toBe(text);
    expect(JSON.stringify(syntheticOrganization({ ...OPTIONS, seed: 8 }))).not.toBe(text);
  });

  it("holds 100 accounts x 2 regions whose resource ids are unique across the organization", () => {
    const org = syntheticOrganization({ accounts: 100, seed: 1 });
    expect(org.accounts.map((a) => a.accountId)).toEqual(Array.from({ length: 100 }, (_, i) => accountIdOf(i)));
    expect(org.accounts.every((a) => Object.keys(a.regions).length === 2)).toBe(true);
    const ids = org.accounts.flatMap((a) =>
      Object.values(a.regions).flatMap((calls) => [
        ...(calls.DescribeVpcs?.status === "ok" ? calls.DescribeVpcs.data.Vpcs.map((v) => v.VpcId) : []),
        ...(calls.DescribeSubnets?.status === "ok" ? calls.DescribeSubnets.data.Subnets.map((s) => s.SubnetId) : []),
        ...(calls.DescribeSecurityGroups?.status === "ok" ? calls.DescribeSecurityGroups.data.SecurityGroups.map((g) => g.GroupId) : []),
        ...(calls.DescribeRouteTables?.status === "ok" ? calls.DescribeRouteTables.data.RouteTables.map((t) => t.RouteTableId) : []),
      ]),
    );
    expect(ids.length).toBeGreaterThan(100 * 2 * 20);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("routes the spokes to the hub's transit gateway, which the hub owns with an attachment per spoke", () => {
    const org = syntheticOrganization(OPTIONS);
    const [hub, ...spokes] = org.accounts;
    for (const region of org.regions) {
      const hubCalls = hub!.regions[region]!;
      const gateways = hubCalls.DescribeTransitGateways?.status === "ok" ? hubCalls.DescribeTransitGateways.data.TransitGateways : [];
      expect(gateways.map((g) => g.OwnerId)).toEqual([org.hubAccountId]);
      const attached = hubCalls.DescribeTransitGatewayVpcAttachments?.status === "ok" ? hubCalls.DescribeTransitGatewayVpcAttachments.data.TransitGatewayVpcAttachments.map((a) => a.VpcOwnerId) : [];
      expect(attached).toEqual(org.accounts.map((a) => a.accountId));
      for (const spoke of spokes) {
        const calls = spoke.regions[region]!;
        const routes = calls.DescribeRouteTables?.status === "ok" ? calls.DescribeRouteTables.data.RouteTables.flatMap((t) => t.Routes ?? []) : [];
        const targets = new Set(routes.map((r) => r.TransitGatewayId).filter((id) => id !== undefined));
        expect([...targets]).toEqual([gateways[0]!.TransitGatewayId]);
      }
    }
  });

  it("passes the snapshot loader and the analysis without a tool error, with reachable, blocked and unverifiable paths", () => {
    const result = scan(parseSnapshot(JSON.stringify(organizationSnapshot(syntheticOrganization(OPTIONS))), "organization.json"));
    expect(result.toolErrors).toEqual([]);
    const verdicts = new Set(result.paths.map((p) => p.verdict));
    expect(verdicts).toContain("blocked");
    expect(verdicts).toContain("unverifiable");
    expect([...verdicts].some((v) => v.startsWith("reachable"))).toBe(true);
    expect(new Set(result.paths.map((p) => (p.function.arn ?? "").split(":")[4])).size).toBe(OPTIONS.accounts - 1);
  });
});
