import { readFile } from "node:fs/promises";
import { collect } from "../../src/collectors/index.js";
import { REGION } from "../support/build.js";
import { startAwsServer } from "../support/aws-server/index.js";
import { landingZoneAccounts, LZ_REGION } from "../support/landing-zone.js";
import { servedAccount, TEST_CREDENTIALS } from "./accounts.js";

interface Policy {
  readonly Statement: readonly { readonly Effect: string; readonly Action: readonly string[]; readonly Resource: string }[];
}

async function policy(name: string): Promise<Policy> {
  return JSON.parse(await readFile(new URL(`../../docs/${name}`, import.meta.url), "utf8")) as Policy;
}

async function actionsOf(run: (url: string) => Promise<unknown>, served: Parameters<typeof startAwsServer>[0]): Promise<Set<string>> {
  const server = await startAwsServer(served);
  try {
    await run(server.url);
    return server.actions();
  } finally {
    await server.close();
  }
}

test("docs/iam-policy.json allows exactly the operations the collectors call in an account, all of them read-only; docs/iam-policy-organization.json what the caller of --accounts needs", async () => {
  // "all" regions, traffic on, and a region without an applied quota: every code path that calls AWS in one account.
  const single = await actionsOf(
    (url) => collect({ regions: "all", homeRegion: REGION, endpointUrl: url, credentials: TEST_CREDENTIALS, withTraffic: true }),
    servedAccount(),
  );
  // A landing zone through --accounts organization: transit gateway route tables, owned zones and Profiles, AssumeRole.
  const organization = await actionsOf(
    (url) => collect({ regions: [LZ_REGION], endpointUrl: url, credentials: TEST_CREDENTIALS, accounts: { accounts: "organization", roleName: "kms-audit-read" } }),
    { callerAccountId: "999999999999", accounts: Object.entries(landingZoneAccounts()).map(([accountId, regions]) => ({ accountId, regions })) },
  );
  const read = await policy("iam-policy.json");
  const caller = await policy("iam-policy-organization.json");
  const allowed = read.Statement.flatMap((s) => s.Action);
  expect(read.Statement.map((s) => [s.Effect, s.Resource])).toEqual([["Allow", "*"]]);
  expect([...new Set([...single, ...organization])].sort()).toEqual([...allowed, ...caller.Statement.flatMap((s) => s.Action), "sts:GetCallerIdentity"].filter((a, i, all) => all.indexOf(a) === i).sort());
  expect(allowed.filter((action) => !/^[a-z0-9]+:(Describe|List|Get|Search)[A-Za-z]+$/.test(action))).toEqual([]);
  expect(caller.Statement.map((s) => [s.Action, s.Resource])).toEqual([[["organizations:ListAccounts"], "*"], [["sts:AssumeRole"], "arn:aws:iam::*:role/kms-audit-read"]]);
});
