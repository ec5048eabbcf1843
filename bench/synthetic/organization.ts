/**
 * A seeded, deterministic synthetic organization: a network (hub) account and spoke accounts, each with one VPC per
 * region built by the single-account generators (same subnets, route tables, ACLs, security groups, functions), ids
 * unique across accounts. Three spokes in four use the hub (no NAT or KMS endpoint of their own: 0.0.0.0/0 to the
 * transit gateway, the hub's KMS zone associated); the rest keep an egress of their own. A few central spokes are
 * broken as landing zones break: the zone not associated, the attachment missing an AZ, no route back from the hub.
 */
import type { RegionCalls, Snapshot } from "../../src/snapshot/types.js";
import { activeState, regionCalls, type RegionData } from "../../test/support/build.js";
import type { ServedOrganization } from "../../test/support/aws-server/index.js";
import { buildFunctions } from "./functions.js";
import { idMaker, type IdMaker } from "./ids.js";
import { buildHub, hubCalls, spokeCalls, type HubSite, type SpokeFault, type SpokeSite } from "./landing-zone.js";
import { buildNetwork, type VpcLayout } from "./network.js";
import { planVpc, type VpcPlan } from "./plan.js";
import { seededRandom, type Random } from "./random.js";
import { finishRegion, startRegion } from "./region.js";
import { buildSecurity } from "./security.js";
import type { BuildContext } from "./shared.js";

export interface OrganizationOptions {
  /** Member accounts collected, the hub included (at most 255: one /16 per account and region). */
  readonly accounts: number;
  readonly regions?: readonly string[];
  readonly functionsPerVpc?: number;
  readonly seed?: number;
}

export interface SyntheticOrganization extends ServedOrganization {
  readonly hubAccountId: string;
  readonly regions: readonly string[];
  /** How each spoke VPC reaches AWS services, so that tests can tell which verdicts the analysis owes it. */
  readonly spokes: readonly SpokeSummary[];
}

export interface SpokeSummary {
  readonly account: string;
  readonly region: string;
  /** Through the hub (no NAT or KMS endpoint of its own), or with an egress of its own. */
  readonly central: boolean;
  readonly fault?: SpokeFault;
}

export const ORGANIZATION_REGIONS = ["eu-west-1", "eu-central-1"] as const;
/** The management account: it lists the accounts and assumes the role; it holds no resources. */
export const MANAGEMENT_ACCOUNT = "100000000000";

export function accountIdOf(index: number): string {
  return String(200_000_000_000 + index);
}

function hubPlan(base: VpcPlan): VpcPlan {
  const { natFault: _nat, endpointFault: _endpoint, ...plan } = base;
  return { ...plan, egress: "nat-per-az", hasInternetGateway: true, customDns: false, dnsHostnames: true, kmsEndpoint: false, otherInterfaceEndpoints: [], publicPartnerRoute: false, aclWithoutEphemeralReturn: false, aclDeniesPublicRanges: false };
}

function centralPlan(base: VpcPlan): VpcPlan {
  const { natFault: _nat, endpointFault: _endpoint, ...plan } = base;
  return { ...plan, egress: "transit-gateway", customDns: false, kmsEndpoint: false, publicPartnerRoute: false };
}

function spokeFault(random: Random): SpokeFault | undefined {
  const roll = random.next();
  if (roll < 0.04) return "zone-not-associated";
  if (roll < 0.08) return "attachment-two-azs";
  if (roll < 0.11) return "no-return-route";
  return undefined;
}

interface VpcSpec {
  readonly account: string;
  readonly region: string;
  readonly ids: IdMaker;
  readonly random: Random;
  /** The VPC's number: its CIDR is 10.<index>.0.0/16. */
  readonly index: number;
  readonly plan: (base: VpcPlan) => VpcPlan;
  readonly functions: number;
  /** The hub's gateway, which a spoke's routes to a transit gateway name. */
  readonly transitGatewayId?: string;
}

/** One VPC with its functions in one account and region, built by the single-account generators. */
function buildVpc(spec: VpcSpec): { context: BuildContext; layout: VpcLayout } {
  const { account, region, ids, random } = spec;
  const started = startRegion(region, account, ids, random);
  const shared = spec.transitGatewayId === undefined ? started.shared : { ...started.shared, transitGatewayId: spec.transitGatewayId };
  const context: BuildContext = { data: started.data, ids, random, shared, account };
  const layout = buildNetwork(context, spec.plan(planVpc(random, spec.index, region)));
  buildFunctions(context, layout, buildSecurity(context, layout), 0, spec.functions);
  return { context, layout };
}

function withStates(data: RegionData): RegionCalls {
  data.functionStates = data.functions.filter((f) => (f.VpcConfig?.SubnetIds ?? []).length > 0).map(activeState);
  return regionCalls(data);
}

export function syntheticOrganization(options: OrganizationOptions): SyntheticOrganization {
  const random = seededRandom(options.seed ?? 1);
  const regions = options.regions ?? ORGANIZATION_REGIONS;
  const perVpc = options.functionsPerVpc ?? 8;
  if (options.accounts < 1 || options.accounts > 255) throw new RangeError(`accounts: 1-255, got ${options.accounts}`);
  const hubAccountId = accountIdOf(0);
  const hubIds = idMaker(0);
  const hubs: HubSite[] = [];
  const hubData: RegionData[] = [];
  regions.forEach((region, r) => {
    const { context, layout } = buildVpc({ account: hubAccountId, region, ids: hubIds, random, index: 0, plan: hubPlan, functions: 0 });
    hubs.push(buildHub(context, layout, r));
    finishRegion(context.data, hubIds, random, 1);
    hubData.push(context.data);
  });
  const spokes: { account: string; regions: { data: RegionData; site: SpokeSite }[] }[] = [];
  for (let a = 1; a < options.accounts; a += 1) {
    const account = accountIdOf(a);
    const ids = idMaker(a);
    const central = random.chance(0.75);
    const sites = regions.map((region, r) => {
      const fault = central ? spokeFault(random) : undefined;
      const functions = random.int(Math.max(0, perVpc - 4), perVpc + 4);
      const { context, layout } = buildVpc({ account, region, ids, random, index: a, plan: central ? centralPlan : (p) => p, functions, transitGatewayId: hubs[r]!.transitGatewayId });
      finishRegion(context.data, ids, random, 1);
      const endpointSubnets = layout.subnets.endpoint;
      const site: SpokeSite = {
        account,
        vpcId: layout.vpcId,
        cidr: layout.cidr,
        attachmentId: ids.next("tgw-attach"),
        attachmentSubnetIds: fault === "attachment-two-azs" ? endpointSubnets.slice(0, 2) : endpointSubnets,
        central,
        ...(fault === undefined ? {} : { fault }),
      };
      return { data: context.data, site };
    });
    spokes.push({ account, regions: sites });
  }
  const accounts = [
    { accountId: hubAccountId, regions: Object.fromEntries(regions.map((region, r) => [region, { ...withStates(hubData[r] as RegionData), ...hubCalls(hubs[r] as HubSite, spokes.map((s) => s.regions[r]!.site), hubs) }])) },
    ...spokes.map((spoke) => ({
      accountId: spoke.account,
      regions: Object.fromEntries(regions.map((region, r) => [region, { ...withStates(spoke.regions[r]!.data), ...spokeCalls(hubs[r] as HubSite, spoke.regions[r]!.site) }])),
    })),
  ];
  const summaries = spokes.flatMap((spoke) => spoke.regions.map(({ site }, r) => ({ account: site.account, region: regions[r] as string, central: site.central, ...(site.fault === undefined ? {} : { fault: site.fault }) })));
  return { callerAccountId: MANAGEMENT_ACCOUNT, hubAccountId, regions, accounts, spokes: summaries };
}

/** The organization as one snapshot (what a collection of all its accounts writes, minus the envelope's times). */
export function organizationSnapshot(org: SyntheticOrganization): Snapshot {
  return {
    format: "kms-audit/snapshot",
    version: 1,
    collectedAt: "2026-01-01T00:00:00.000Z",
    source: { kind: "synthetic", description: `kms-audit bench: organization of ${org.accounts.length} accounts` },
    accounts: Object.fromEntries(org.accounts.map((a) => [a.accountId, { regions: Object.fromEntries(Object.entries(a.regions).map(([name, calls]) => [name, { calls }])) }])),
  };
}
