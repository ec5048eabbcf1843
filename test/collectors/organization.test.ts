import { collect } from "../../src/collectors/index.js";
import { LANDING_ZONE_CALLS, type RegionCalls } from "../../src/snapshot/types.js";
import { startAwsServer, type AwsTestServer, type ServedAccount, type ServedOrganization } from "../support/aws-server/index.js";
import { HUB, LZ_REGION, SPOKE_A, SPOKE_B, landingZoneAccounts } from "../support/landing-zone.js";
import { normalise, TEST_CREDENTIALS } from "./accounts.js";

const MANAGEMENT = "999999999999";
const SUSPENDED = "555555555555";
const NOW = new Date("2026-11-20T00:00:00.000Z");

function organization(extra: Partial<ServedOrganization> = {}): ServedOrganization {
  const accounts: ServedAccount[] = Object.entries(landingZoneAccounts()).map(([accountId, regions]) => ({ accountId, regions }));
  accounts.push({ accountId: SUSPENDED, regions: {} });
  return { callerAccountId: MANAGEMENT, accounts, suspended: [SUSPENDED], ...extra };
}

function expectedAccounts(ids: readonly string[]): Record<string, { regions: Record<string, { calls: RegionCalls }> }> {
  const all = landingZoneAccounts();
  return normalise(Object.fromEntries(ids.map((id) => [id, { regions: Object.fromEntries(Object.entries(all[id]!).map(([r, calls]) => [r, { calls }])) }])));
}

let server: AwsTestServer;
afterEach(async () => {
  await server?.close();
});

async function collectOrganization(served: ServedOrganization, accounts: Parameters<typeof collect>[0]["accounts"], faults = {}) {
  server = await startAwsServer(served, faults);
  return collect({ regions: [LZ_REGION], endpointUrl: server.url, credentials: TEST_CREDENTIALS, now: () => NOW, accounts });
}

test("a landing zone collected through a role in each account of the organization equals its accounts' data; suspended accounts are skipped", async () => {
  const snapshot = await collectOrganization(organization(), { accounts: "organization", roleName: "kms-audit-read" });
  expect(normalise(snapshot.accounts)).toEqual(expectedAccounts([HUB, SPOKE_A, SPOKE_B]));
  expect(snapshot.notes).toEqual([{ account: SUSPENDED, message: `account ${SUSPENDED} is SUSPENDED in the organization: skipped` }]);
  expect(snapshot.source).toEqual({ kind: "aws-sdk", description: "AWS SDK v3, 3 account(s), 3 region(s)" });
  // Each account's calls were answered as that account, with one AssumeRole each.
  expect([...server.assumed].sort()).toEqual([[HUB, 1], [SPOKE_A, 1], [SPOKE_B, 1]]);
  expect(new Set(server.requests.filter((r) => r.service === "ec2").map((r) => r.account))).toEqual(new Set([HUB, SPOKE_A, SPOKE_B]));
  expect(server.requests.filter((r) => r.service === "organizations").map((r) => r.account)).toEqual([MANAGEMENT]);
});

test("pages of one item lose nothing, in every new call", async () => {
  const snapshot = await collectOrganization(organization(), { accounts: [HUB, SPOKE_A, SPOKE_B], roleName: "kms-audit-read" }, { pageSize: 1 });
  expect(normalise(snapshot.accounts)).toEqual(expectedAccounts([HUB, SPOKE_A, SPOKE_B]));
  const pages = (operation: string) => server.requests.filter((r) => r.operation === operation && r.account === HUB).length;
  expect([pages("SearchTransitGatewayRoutes"), pages("ListResourceRecordSets"), pages("ListHostedZonesByVPC"), pages("DescribeTransitGatewayAttachments")]).toEqual([1 + 3, 3, 2, 2]);
});

test("AssumeRole denied in one account: that account is a gap with AWS's error and a note, the others are collected", async () => {
  const snapshot = await collectOrganization(organization({ denyAssumeRole: [SPOKE_B] }), { accounts: [HUB, SPOKE_A, SPOKE_B], roleArn: "arn:aws:iam::{account}:role/audit/kms-audit-read" });
  expect(normalise(snapshot.accounts[HUB])).toEqual(expectedAccounts([HUB])[HUB]);
  expect(normalise(snapshot.accounts[SPOKE_A])).toEqual(expectedAccounts([SPOKE_A])[SPOKE_A]);
  const denied = `User: arn:aws:iam::${MANAGEMENT}:user/kms-audit-test is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${SPOKE_B}:role/audit/kms-audit-read`;
  expect(snapshot.accounts[SPOKE_B]).toEqual({ regions: {}, error: { code: "AccessDenied", message: denied } });
  expect(snapshot.notes).toEqual([{ account: SPOKE_B, message: `account ${SPOKE_B} not collected: could not assume arn:aws:iam::${SPOKE_B}:role/audit/kms-audit-read (AccessDenied: ${denied})` }]);
  expect(server.requests.some((r) => r.account === SPOKE_B)).toBe(false);
});

test("the external id is passed on: without it the roles can't be assumed, with it they can", async () => {
  const without = await collectOrganization(organization({ externalId: "x-7f3a" }), { accounts: [SPOKE_A], roleName: "kms-audit-read" });
  expect(without.accounts[SPOKE_A]?.error?.code).toBe("AccessDenied");
  await server.close();
  const withId = await collectOrganization(organization({ externalId: "x-7f3a" }), { accounts: [SPOKE_A], roleName: "kms-audit-read", externalId: "x-7f3a" });
  expect(normalise(withId.accounts)).toEqual(expectedAccounts([SPOKE_A]));
});

const NEW_ACTIONS: readonly (readonly [string, string, string])[] = [
  ["ec2:DescribeTransitGateways", "DescribeTransitGateways", "UnauthorizedOperation"],
  ["ec2:DescribeTransitGatewayAttachments", "DescribeTransitGatewayAttachments", "UnauthorizedOperation"],
  ["ec2:DescribeTransitGatewayVpcAttachments", "DescribeTransitGatewayVpcAttachments", "UnauthorizedOperation"],
  ["ec2:DescribeTransitGatewayRouteTables", "DescribeTransitGatewayRouteTables", "UnauthorizedOperation"],
  ["ec2:GetTransitGatewayRouteTableAssociations", "GetTransitGatewayRouteTableAssociations", "UnauthorizedOperation"],
  ["ec2:GetTransitGatewayRouteTablePropagations", "GetTransitGatewayRouteTablePropagations", "UnauthorizedOperation"],
  ["ec2:SearchTransitGatewayRoutes", "SearchTransitGatewayRoutes", "UnauthorizedOperation"],
  ["ec2:DescribeVpcPeeringConnections", "DescribeVpcPeeringConnections", "UnauthorizedOperation"],
  ["route53:ListHostedZonesByVPC", "ListHostedZonesByVPC", "AccessDenied"],
  ["route53:ListHostedZones", "ListHostedZones", "AccessDenied"],
  ["route53:ListResourceRecordSets", "ListResourceRecordSets", "AccessDenied"],
  ["route53resolver:ListResolverRules", "ListResolverRules", "AccessDeniedException"],
  ["route53resolver:ListResolverRuleAssociations", "ListResolverRuleAssociations", "AccessDeniedException"],
  ["route53profiles:ListProfiles", "ListProfiles", "AccessDeniedException"],
  ["route53profiles:ListProfileAssociations", "ListProfileAssociations", "AccessDeniedException"],
  ["route53profiles:ListProfileResourceAssociations", "ListProfileResourceAssociations", "AccessDeniedException"],
];

test.each(NEW_ACTIONS)("%s denied: the call is a gap with AWS's error code; the rest of the account is collected", async (action, call, code) => {
  const snapshot = await collectOrganization(organization(), { accounts: [HUB], roleName: "kms-audit-read" }, { deny: [action] });
  const calls = normalise(snapshot.accounts[HUB]!.regions[LZ_REGION]!.calls) as Record<string, { status: string; error?: { code: string } }>;
  expect(calls[call]).toEqual({ status: "failed", error: { code, message: expect.any(String) } });
  expect(calls[call]?.error?.code).toBe(code);
  const expected = expectedAccounts([HUB])[HUB]!.regions[LZ_REGION]!.calls as Record<string, unknown>;
  const dependents: Record<string, string[]> = {
    DescribeTransitGatewayRouteTables: ["GetTransitGatewayRouteTableAssociations", "GetTransitGatewayRouteTablePropagations", "SearchTransitGatewayRoutes"],
    ListHostedZones: ["ListResourceRecordSets"],
    ListProfiles: ["ListProfileResourceAssociations"],
  };
  for (const dependent of dependents[call] ?? []) {
    expect(calls[dependent]).toEqual({ status: "failed", error: { code: "DependencyFailed", message: `not collected: ${call} failed, so the resources to ask about are unknown` } });
  }
  const untouched = LANDING_ZONE_CALLS.filter((c) => c !== call && !(dependents[call] ?? []).includes(c));
  for (const other of untouched) expect([other, calls[other]]).toEqual([other, expected[other]]);
  expect(calls.DescribeVpcs).toEqual(expected.DescribeVpcs);
});
