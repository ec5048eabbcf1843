import { collect } from "../../src/collectors/index.js";
import { ACCOUNT, REGION } from "../support/build.js";
import { startAwsServer, type AwsTestServer } from "../support/aws-server/index.js";
import { expectedRegions, regionsOf, SECOND_REGION, servedAccount, TEST_CREDENTIALS } from "./accounts.js";

const NOW = new Date("2026-11-20T00:00:00.000Z");
const account = servedAccount();
let server: AwsTestServer;

beforeAll(async () => {
  server = await startAwsServer(account);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.setFaults({}));

function collectFrom(regions: readonly string[] | "all", extra: { withTraffic?: boolean } = {}) {
  return collect({ regions, endpointUrl: server.url, credentials: TEST_CREDENTIALS, now: () => NOW, homeRegion: REGION, ...extra });
}

test("the collected snapshot holds exactly the account's data, every call of both regions", async () => {
  const snapshot = await collectFrom([REGION, SECOND_REGION], { withTraffic: true });
  expect(Object.keys(snapshot.accounts)).toEqual([ACCOUNT]);
  expect(regionsOf(snapshot)).toEqual(expectedRegions(account, [REGION, SECOND_REGION], true));
  expect(snapshot.collectedAt).toBe("2026-11-20T00:00:00.000Z");
  expect(snapshot.source?.kind).toBe("aws-sdk");
  expect(snapshot.notes).toBeUndefined();
});

test("pages of one item lose nothing", async () => {
  server.setFaults({ pageSize: 1 });
  const before = server.requests.length;
  const snapshot = await collectFrom([REGION], { withTraffic: true });
  expect(regionsOf(snapshot)).toEqual(expectedRegions(account, [REGION], true));
  const pages = server.requests.slice(before).filter((r) => r.operation === "DescribeSubnets").length;
  expect(pages).toBe(4);
});

test("without --with-traffic, CloudWatch is not called and the snapshot has no traffic", async () => {
  const before = server.requests.length;
  const snapshot = await collectFrom([REGION]);
  expect(regionsOf(snapshot)).toEqual(expectedRegions(account, [REGION], false));
  expect(server.requests.slice(before).some((r) => r.service === "cloudwatch")).toBe(false);
});

test('regions "all" collects the enabled regions: opted-in ones included, not-opted-in ones left out', async () => {
  const snapshot = await collectFrom("all");
  expect(Object.keys(snapshot.accounts[ACCOUNT]!.regions)).toEqual(["ap-east-1", REGION, SECOND_REGION]);
});

test("a requested region that is not enabled is skipped with a note", async () => {
  const snapshot = await collectFrom([REGION, "me-south-1"]);
  expect(Object.keys(snapshot.accounts[ACCOUNT]!.regions)).toEqual([REGION]);
  expect(snapshot.notes).toEqual([{ region: "me-south-1", message: "me-south-1 is not enabled for this account (opt-in status not-opted-in): skipped" }]);
  expect(server.requests.some((r) => r.region === "me-south-1")).toBe(false);
});
