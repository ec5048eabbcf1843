import { collect, CollectionAborted } from "../../src/collectors/index.js";
import { UsageError } from "../../src/errors.js";
import { REGION } from "../support/build.js";
import { KMS_CIPHERTEXT_SAMPLE, startAwsServer, type AwsTestServer, type Faults } from "../support/aws-server/index.js";
import { CANARY, expectedRegions, normalise, regionsOf, SECOND_REGION, servedAccount, TEST_CREDENTIALS } from "./accounts.js";

const account = servedAccount();
const REGIONS = [REGION, SECOND_REGION];
let server: AwsTestServer;

beforeAll(async () => {
  server = await startAwsServer(account);
});
afterAll(async () => {
  await server.close();
});

async function collectWith(faults: Faults) {
  server.setFaults(faults);
  const before = server.requests.length;
  const snapshot = await collect({ regions: REGIONS, endpointUrl: server.url, credentials: TEST_CREDENTIALS, withTraffic: true });
  return { snapshot, requests: server.requests.slice(before) };
}

test("20% throttling on every service gives the identical snapshot", async () => {
  const { snapshot, requests } = await collectWith({ seed: 7, throttleRate: 0.2, pageSize: 3 });
  expect(regionsOf(snapshot)).toEqual(expectedRegions(account, REGIONS, true));
  const throttled = new Set(requests.filter((r) => r.fault === "throttle").map((r) => r.service));
  // Which requests meet a throttle depends on arrival order; with ~150 requests, several services always do.
  expect(throttled.has("ec2")).toBe(true);
  expect(throttled.size).toBeGreaterThanOrEqual(4);
});

test("HTTP 500s are retried: the identical snapshot", async () => {
  const { snapshot, requests } = await collectWith({ seed: 11, serverErrorRate: 0.2 });
  expect(regionsOf(snapshot)).toEqual(expectedRegions(account, REGIONS, true));
  expect(requests.filter((r) => r.status === 500).length).toBeGreaterThan(0);
});

test("denied calls become gaps naming AWS's error; everything else is still collected", async () => {
  const { snapshot } = await collectWith({
    deny: ["ec2:DescribeVpcs", "ec2:DescribeSecurityGroups", "tag:GetResources", "servicequotas:GetServiceQuota", "cloudwatch:GetMetricData"],
  });
  const tokyo = regionsOf(snapshot)[REGION]!;
  const expected = expectedRegions(account, [REGION], true)[REGION]!;
  expect(tokyo.DescribeVpcs).toEqual({ status: "failed", error: { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation." } });
  expect(tokyo.DescribeSecurityGroups).toEqual({ status: "failed", error: { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation." } });
  expect(tokyo.DescribeVpcAttribute).toEqual({
    status: "failed",
    error: { code: "DependencyFailed", message: "not collected: DescribeVpcs failed, so the resources to ask about are unknown" },
  });
  expect(tokyo.GetServiceQuota).toEqual({ status: "failed", error: { code: "AccessDeniedException", message: "not authorized" } });
  expect(tokyo.GetAWSDefaultServiceQuota).toBeUndefined();
  expect(tokyo.NatGatewayTraffic).toEqual({ status: "failed", error: { code: "AccessDenied", message: "not authorized" } });
  expect(tokyo.DescribeSubnets).toEqual(expected.DescribeSubnets);
  expect(tokyo.DescribeRouteTables).toEqual(expected.DescribeRouteTables);
  const functions = tokyo.ListFunctions?.status === "ok" ? tokyo.ListFunctions.data.Functions : [];
  expect(functions.map((fn) => [fn.FunctionName, fn.Tags])).toEqual([
    ["decrypt-orders", undefined],
    ["no-vpc-reporter", undefined],
    ["keyed-writer", undefined],
  ]);
  expect(snapshot.notes).toEqual([
    {
      region: REGION,
      message: "GetResources (tag:GetResources) failed (AccessDeniedException): the tags of 2 VPC functions, kms-audit:uses-kms included, are unknown",
    },
  ]);
});

test("GetFunctionConfiguration denied: a gap, with the functions still listed", async () => {
  const { snapshot } = await collectWith({ deny: ["lambda:GetFunctionConfiguration"] });
  const tokyo = regionsOf(snapshot)[REGION]!;
  expect(tokyo.GetFunctionConfiguration).toEqual({ status: "failed", error: { code: "AccessDeniedException", message: "not authorized" } });
  expect(tokyo.ListFunctions).toEqual(expectedRegions(account, [REGION], true)[REGION]!.ListFunctions);
});

test("the state of VPC functions is collected without their environment; layers keep their ARNs only", async () => {
  const { snapshot, requests } = await collectWith({});
  const tokyo = regionsOf(snapshot)[REGION]!;
  expect(requests.filter((r) => r.operation === "GetFunctionConfiguration" && r.region === REGION)).toHaveLength(2);
  expect(tokyo.GetFunctionConfiguration?.status === "ok" && tokyo.GetFunctionConfiguration.data.map((s) => Object.keys(s).sort())).toEqual([
    ["FunctionArn", "FunctionName", "LastUpdateStatus", "State"],
    ["FunctionArn", "FunctionName", "LastUpdateStatus", "State"],
  ]);
  const keyed = tokyo.ListFunctions?.status === "ok" ? tokyo.ListFunctions.data.Functions.find((f) => f.FunctionName === "keyed-writer") : undefined;
  expect(keyed?.Layers).toEqual([{ Arn: "arn:aws:lambda:ap-northeast-1:133490724326:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12" }]);
  expect(keyed?.Environment?.VariableRegions).toEqual({ REPLICA_QUEUE_URL: SECOND_REGION });
});

test("the canary secret and the ciphertext never reach the snapshot; their classes do", async () => {
  const { snapshot } = await collectWith({});
  const text = JSON.stringify(snapshot);
  expect(text).not.toContain(CANARY);
  expect(text).not.toContain(KMS_CIPHERTEXT_SAMPLE.slice(0, 40));
  expect(text).not.toContain("AQICAHjeJdzKgoHHc7qzSTWuO");
  expect(text).not.toContain('"Variables"');
  const tokyo = regionsOf(snapshot)[REGION]!;
  const fn = tokyo.ListFunctions?.status === "ok" ? tokyo.ListFunctions.data.Functions[0] : undefined;
  expect(fn?.Environment).toEqual({ VariableClasses: { TABLE_NAME: "plain", DB_PASSWORD: "kms-ciphertext" } });
});

test("an interrupted collection rejects with AbortError, returns nothing, and stops sending requests", async () => {
  server.setFaults({ latencyMs: 20, pageSize: 1 });
  const controller = new AbortController();
  const before = server.requests.length;
  const run = collect({
    regions: REGIONS,
    endpointUrl: server.url,
    credentials: TEST_CREDENTIALS,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.callsStarted >= 5) controller.abort();
    },
  });
  await expect(run).rejects.toBeInstanceOf(CollectionAborted);
  await expect(run).rejects.toMatchObject({ name: "AbortError" });
  const afterAbort = server.requests.length;
  server.setFaults({});
  await collect({ regions: [REGION], endpointUrl: server.url, credentials: TEST_CREDENTIALS });
  const fullRegion = server.requests.length - afterAbort;
  expect(afterAbort - before).toBeLessThan(fullRegion);
});

test("an already aborted signal makes no request", async () => {
  const before = server.requests.length;
  const controller = new AbortController();
  controller.abort();
  await expect(collect({ regions: [REGION], endpointUrl: server.url, credentials: TEST_CREDENTIALS, signal: controller.signal })).rejects.toBeInstanceOf(
    CollectionAborted,
  );
  expect(server.requests.length).toBe(before);
});

describe("SDK configuration from the environment", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test("AWS_ENDPOINT_URL is honoured when no endpoint is given", async () => {
    server.setFaults({});
    process.env.AWS_ENDPOINT_URL = server.url;
    const snapshot = await collect({ regions: [SECOND_REGION], credentials: TEST_CREDENTIALS });
    expect(regionsOf(snapshot)).toEqual(expectedRegions(account, [SECOND_REGION], false));
  });

  test("no credentials anywhere: one clear UsageError that points to --snapshot", async () => {
    for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
    Object.assign(process.env, {
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/kms-audit/credentials",
      AWS_CONFIG_FILE: "/nonexistent/kms-audit/config",
      AWS_EC2_METADATA_DISABLED: "true",
    });
    const before = server.requests.length;
    const run = collect({ regions: [REGION], endpointUrl: server.url });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(/^no AWS credentials found: configure credentials .*scan a saved snapshot with --snapshot FILE$/);
    expect(server.requests.length).toBe(before);
  });
});

test("the snapshot is plain JSON data: writing and reading it back changes nothing", async () => {
  const { snapshot } = await collectWith({});
  expect(normalise(snapshot)).toEqual(JSON.parse(JSON.stringify(normalise(snapshot))));
});

test("DescribeRegions denied: a region list is collected as given, with a note; \"all\" is a clear UsageError", async () => {
  server.setFaults({ deny: ["ec2:DescribeRegions"] });
  const snapshot = await collect({ regions: [SECOND_REGION], endpointUrl: server.url, credentials: TEST_CREDENTIALS });
  expect(regionsOf(snapshot)).toEqual(expectedRegions(account, [SECOND_REGION], false));
  expect(snapshot.notes).toEqual([{ message: `could not check which regions are enabled (DescribeRegions: UnauthorizedOperation): collected ${SECOND_REGION} as given` }]);
  const all = collect({ regions: "all", homeRegion: REGION, endpointUrl: server.url, credentials: TEST_CREDENTIALS });
  await expect(all).rejects.toBeInstanceOf(UsageError);
  await expect(all).rejects.toThrow(/^--regions all needs ec2:DescribeRegions, which failed \(UnauthorizedOperation: .+\): name the regions with --regions a,b,c$/);
});
