import { collect } from "../../src/collectors/index.js";
import type { LambdaFunction } from "../../src/snapshot/types.js";
import { ACCOUNT, REGION, ids, lambdaFunction } from "../support/build.js";
import { startAwsServer, type AwsTestServer, type ServedAccount } from "../support/aws-server/index.js";
import { regionsOf, TEST_CREDENTIALS } from "./accounts.js";

const vpcConfig = { SubnetIds: [ids.privateA], SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc };

/** Seven tagged VPC functions, one untagged, and two tagged functions outside any VPC. */
function functions(): LambdaFunction[] {
  return [
    ...Array.from({ length: 7 }, (_, i) =>
      lambdaFunction({ FunctionName: `vpc-${i}`, VpcConfig: vpcConfig, Tags: { "kms-audit:uses-kms": i % 2 === 0 ? "true" : "false", n: String(i) } }),
    ),
    lambdaFunction({ FunctionName: "vpc-untagged", VpcConfig: vpcConfig }),
    lambdaFunction({ FunctionName: "plain-0", Tags: { team: "web" } }),
    lambdaFunction({ FunctionName: "plain-1", Tags: { team: "batch" } }),
  ];
}

const account: ServedAccount = { accountId: ACCOUNT, regions: { [REGION]: { ListFunctions: { status: "ok", data: { Functions: functions() } } } } };
let server: AwsTestServer;

beforeAll(async () => {
  server = await startAwsServer(account);
});
afterAll(async () => {
  await server.close();
});

async function collectedFunctions(): Promise<{ functions: readonly LambdaFunction[]; notes: unknown; operations: string[] }> {
  const before = server.requests.length;
  const snapshot = await collect({ regions: [REGION], endpointUrl: server.url, credentials: TEST_CREDENTIALS });
  const listed = regionsOf(snapshot)[REGION]?.ListFunctions;
  return {
    functions: listed?.status === "ok" ? listed.data.Functions : [],
    notes: snapshot.notes,
    operations: server.requests.slice(before).filter((r) => ["lambda", "tag", "servicequotas", "cloudwatch"].includes(r.service)).map((r) => `${r.service}:${r.operation}:${r.status}`),
  };
}

test("tags arrive through GetResources in pages of 2, on the VPC functions only; an untagged VPC function gets {}", async () => {
  server.setFaults({ pageSize: 2 });
  const { functions: collected, notes, operations } = await collectedFunctions();
  expect(collected.map((fn) => [fn.FunctionName, fn.Tags])).toEqual([
    ["vpc-0", { "kms-audit:uses-kms": "true", n: "0" }],
    ["vpc-1", { "kms-audit:uses-kms": "false", n: "1" }],
    ["vpc-2", { "kms-audit:uses-kms": "true", n: "2" }],
    ["vpc-3", { "kms-audit:uses-kms": "false", n: "3" }],
    ["vpc-4", { "kms-audit:uses-kms": "true", n: "4" }],
    ["vpc-5", { "kms-audit:uses-kms": "false", n: "5" }],
    ["vpc-6", { "kms-audit:uses-kms": "true", n: "6" }],
    ["vpc-untagged", {}],
    ["plain-0", undefined],
    ["plain-1", undefined],
  ]);
  expect(notes).toBeUndefined();
  // 9 tagged functions, 2 a page: 5 GetResources pages; 10 functions, 2 a page: 5 ListFunctions pages; no ListTags.
  expect(operations.filter((o) => o === "tag:GetResources:200")).toHaveLength(5);
  expect(operations.filter((o) => o === "lambda:ListFunctions:200")).toHaveLength(5);
  expect(operations.filter((o) => !/^(tag:GetResources|lambda:ListFunctions|lambda:GetFunctionConfiguration|servicequotas:[A-Za-z]+):\d+$/.test(o))).toEqual([]);
});

test("throttled GetResources pages are retried: the same tags", async () => {
  server.setFaults({ pageSize: 2 });
  const calm = await collectedFunctions();
  server.setFaults({ pageSize: 2, throttleRate: 0.3, seed: 5, throttleOnly: ["tag:GetResources"] });
  const throttled = await collectedFunctions();
  expect(throttled.operations.filter((o) => o === "tag:GetResources:400").length).toBeGreaterThan(0);
  expect(throttled.functions).toEqual(calm.functions);
});

test("GetResources denied: the functions are still collected, without tags, and a note says their tags are unknown", async () => {
  server.setFaults({ deny: ["tag:GetResources"] });
  const { functions: collected, notes } = await collectedFunctions();
  expect(collected.map((fn) => fn.FunctionName)).toEqual(["vpc-0", "vpc-1", "vpc-2", "vpc-3", "vpc-4", "vpc-5", "vpc-6", "vpc-untagged", "plain-0", "plain-1"]);
  expect(collected.filter((fn) => fn.Tags !== undefined)).toEqual([]);
  expect(notes).toEqual([
    {
      region: REGION,
      message: "GetResources (tag:GetResources) failed (AccessDeniedException): the tags of 8 VPC functions, kms-audit:uses-kms included, are unknown",
    },
  ]);
});
