/**
 * The organization benchmark's figures are only comparable if its synthetic organization is: same seed, same
 * snapshot; the promised counts; ids unique across accounts (a merged snapshot joins resources by id); spokes that
 * route to the hub's transit gateway. And the analysis must see the landing zone the generator means to build: the
 * hub's central endpoint is what makes the central spokes' KMS paths reachable, and each broken spoke breaks.
 */
import { canonicalJson } from "../../bench/support/canonical.js";
import { accountIdOf, ORGANIZATION_REGIONS, organizationSnapshot, syntheticOrganization, type SpokeSummary } from "../../bench/synthetic/organization.js";
import { scan } from "../../src/engine/scan.js";
import type { PathResult } from "../../src/model/types.js";
import { parseSnapshot } from "../../src/snapshot/load.js";
import type { RegionCalls, Snapshot } from "../../src/snapshot/types.js";

const OPTIONS = { accounts: 12, seed: 7 };
/** A seed whose 16 accounts hold every kind of spoke (checked below). */
const LANDING = { accounts: 16, seed: 11 };

const functionsOf = (calls: RegionCalls) => (calls.ListFunctions?.status === "ok" ? calls.ListFunctions.data.Functions : []);

describe("synthetic benchmark organization", () => {
  it("is deterministic for a seed, and differs across seeds", () => {
    const text = canonicalJson(organizationSnapshot(syntheticOrganization(OPTIONS)));
    expect(canonicalJson(organizationSnapshot(syntheticOrganization(OPTIONS)))).toBe(text);
    expect(canonicalJson(organizationSnapshot(syntheticOrganization({ ...OPTIONS, seed: 8 })))).not.toBe(text);
  });

  it("holds 100 accounts x 2 regions, the hub without functions, 4-12 functions per spoke VPC, ids unique across the organization", () => {
    const org = syntheticOrganization({ accounts: 100, functionsPerVpc: 8, seed: 1 });
    expect(org.accounts.map((a) => a.accountId)).toEqual(Array.from({ length: 100 }, (_, i) => accountIdOf(i)));
    expect(org.accounts.every((a) => Object.keys(a.regions).join() === ORGANIZATION_REGIONS.join())).toBe(true);
    const [hub, ...spokes] = org.accounts;
    expect(Object.values(hub!.regions).flatMap(functionsOf)).toEqual([]);
    const perVpc = spokes.flatMap((a) => Object.values(a.regions).map((calls) => functionsOf(calls).length));
    expect(perVpc).toHaveLength(99 * 2);
    expect(Math.min(...perVpc)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...perVpc)).toBeLessThanOrEqual(12);
    expect(org.spokes).toHaveLength(99 * 2);
    const ids = org.accounts.flatMap((a) =>
      Object.values(a.regions).flatMap((calls) => [
        ...(calls.DescribeVpcs?.status === "ok" ? calls.DescribeVpcs.data.Vpcs.map((v) => v.VpcId) : []),
        ...(calls.DescribeSubnets?.status === "ok" ? calls.DescribeSubnets.data.Subnets.map((s) => s.SubnetId) : []),
        ...(calls.DescribeSecurityGroups?.status === "ok" ? calls.DescribeSecurityGroups.data.SecurityGroups.map((g) => g.GroupId) : []),
        ...(calls.DescribeRouteTables?.status === "ok" ? calls.DescribeRouteTables.data.RouteTables.map((t) => t.RouteTableId) : []),
        ...functionsOf(calls).map((f) => f.FunctionArn),
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
});

describe("synthetic benchmark organization, analysed", () => {
  const org = syntheticOrganization(LANDING);
  const snapshot = organizationSnapshot(org);
  const analyse = (s: Snapshot) => scan(parseSnapshot(JSON.stringify(s), "organization.json"));
  const result = analyse(snapshot);
  const kmsPaths = (paths: readonly PathResult[], spoke: SpokeSummary) => paths.filter((p) => p.service === "kms" && p.account === spoke.account && p.region === spoke.region);
  const hubEndpoint = (region: string) => {
    const calls = org.accounts[0]!.regions[region]!;
    const endpoints = calls.DescribeVpcEndpoints?.status === "ok" ? calls.DescribeVpcEndpoints.data.VpcEndpoints : [];
    return endpoints.find((e) => e.ServiceName === `com.amazonaws.${region}.kms`)?.VpcEndpointId;
  };
  const spokesWith = (fault: SpokeSummary["fault"]) => org.spokes.filter((s) => s.central && s.fault === fault);

  it("holds every kind of spoke, and analyses without a tool error", () => {
    expect(new Set(org.spokes.map((s) => (s.central ? (s.fault ?? "central") : "own")))).toEqual(new Set(["own", "central", "zone-not-associated", "attachment-two-azs", "no-return-route"]));
    expect(result.toolErrors).toEqual([]);
  });

  it("reaches KMS from every healthy central spoke through the hub's endpoint of its region, and only through it", () => {
    for (const spoke of spokesWith(undefined)) {
      const reachable = kmsPaths(result.paths, spoke).filter((p) => p.verdict.startsWith("reachable"));
      expect(reachable.length).toBeGreaterThan(0);
      expect(new Set(reachable.map((p) => `${p.verdict} ${p.via?.account} ${p.via?.id}`))).toEqual(new Set([`reachable-via-endpoint ${org.hubAccountId} ${hubEndpoint(spoke.region)}`]));
    }
  });

  it("blocks every KMS path of a spoke the hub has no route back to, at the transit gateway's route table", () => {
    for (const spoke of spokesWith("no-return-route")) {
      const paths = kmsPaths(result.paths, spoke);
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.every((p) => p.verdict === "blocked" && (p.blocking ?? []).some((h) => h.component.type === "transit-gateway-route-table"))).toBe(true);
    }
  });

  it("blocks the AZ the spoke's attachment leaves out, at the attachment, and reaches the hub from the others", () => {
    for (const spoke of spokesWith("attachment-two-azs")) {
      const paths = kmsPaths(result.paths, spoke);
      const gap = paths.filter((p) => (p.blocking ?? []).some((h) => h.component.type === "transit-gateway-attachment"));
      const reachable = paths.filter((p) => p.verdict === "reachable-via-endpoint");
      expect(gap.length).toBeGreaterThan(0);
      expect(reachable.length).toBeGreaterThan(0);
      expect(gap.every((p) => p.verdict === "blocked")).toBe(true);
      const gapZones = new Set(gap.map((p) => p.availabilityZone));
      expect(reachable.some((p) => gapZones.has(p.availabilityZone))).toBe(false);
    }
  });

  it("never uses the hub's endpoint from a spoke whose VPC is not associated with the hub's zone", () => {
    for (const spoke of spokesWith("zone-not-associated")) {
      const paths = kmsPaths(result.paths, spoke);
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.some((p) => p.via?.type === "vpc-endpoint")).toBe(false);
    }
  });

  it("without the hub account, leaves the paths through the hub unverifiable, naming the hub account to collect", () => {
    const withoutHub = analyse({ ...snapshot, accounts: Object.fromEntries(Object.entries(snapshot.accounts).filter(([id]) => id !== org.hubAccountId)) });
    const throughHub = result.paths.filter((p) => p.via?.account === org.hubAccountId);
    expect(throughHub.length).toBeGreaterThan(100);
    const key = (p: PathResult) => `${p.service} ${p.function.arn} ${p.subnetId}`;
    const after = new Map(withoutHub.paths.map((p) => [key(p), p]));
    for (const before of throughHub) {
      const path = after.get(key(before));
      expect(path?.verdict).toBe("unverifiable");
      expect(path?.attempts.some((a) => a.hops.some((h) => h.status === "unknown" && (h.setting ?? "").includes(`collect account ${org.hubAccountId}`)))).toBe(true);
    }
  });
});
