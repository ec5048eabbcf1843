import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LANDING_ZONE_CALLS } from "../../src/snapshot/types.js";
import { HUB, LZ_REGION, landingZoneAccounts } from "../support/landing-zone.js";
import { readAwsCliDir } from "../../src/collectors/aws-cli-dir.js";
import { collect } from "../../src/collectors/index.js";
import { InputError } from "../../src/errors.js";
import type { RegionCalls } from "../../src/snapshot/types.js";
import { ACCOUNT, REGION } from "../support/build.js";
import { asListed, startAwsServer, type ServedAccount } from "../support/aws-server/index.js";
import { CANARY, normalise, SECOND_REGION, servedAccount, TEST_CREDENTIALS } from "./accounts.js";

const account = servedAccount();
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "kms-audit-cli-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** What `aws <service> <command> --output json` prints for the account's data, file by file, as the docs lay it out. */
function cliFiles(served: ServedAccount, calls: RegionCalls): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  const put = (file: string, record: { status: string; data?: unknown; error?: { code: string; message: string } } | undefined): void => {
    if (record?.status === "ok") files[file] = record.data;
    if (record?.status === "failed") {
      files[file.replace(/\.json$/, ".error.txt")] =
        `\nAn error occurred (${record.error?.code}) when calling the operation: ${record.error?.message}\n`;
    }
  };
  put("ec2-describe-vpcs.json", calls.DescribeVpcs);
  put("ec2-describe-vpc-attribute.json", calls.DescribeVpcAttribute);
  put("ec2-describe-subnets.json", calls.DescribeSubnets);
  put("ec2-describe-route-tables.json", calls.DescribeRouteTables);
  put("ec2-describe-internet-gateways.json", calls.DescribeInternetGateways);
  put("ec2-describe-egress-only-internet-gateways.json", calls.DescribeEgressOnlyInternetGateways);
  put("ec2-describe-nat-gateways.json", calls.DescribeNatGateways);
  put("ec2-describe-vpc-endpoints.json", calls.DescribeVpcEndpoints);
  put("ec2-describe-vpc-endpoint-services.json", calls.DescribeVpcEndpointServices);
  put("ec2-describe-security-groups.json", calls.DescribeSecurityGroups);
  put("ec2-describe-network-acls.json", calls.DescribeNetworkAcls);
  put("ec2-describe-managed-prefix-lists.json", calls.DescribeManagedPrefixLists);
  put("ec2-get-managed-prefix-list-entries.json", calls.GetManagedPrefixListEntries);
  put("ec2-describe-dhcp-options.json", calls.DescribeDhcpOptions);
  put("ec2-describe-addresses.json", calls.DescribeAddresses);
  put("ec2-describe-account-attributes.json", calls.DescribeAccountAttributes);
  put("service-quotas-get-service-quota.json", calls.GetServiceQuota);
  put("service-quotas-get-aws-default-service-quota.json", calls.GetAWSDefaultServiceQuota);
  put("ec2-describe-transit-gateways.json", calls.DescribeTransitGateways);
  put("ec2-describe-transit-gateway-attachments.json", calls.DescribeTransitGatewayAttachments);
  put("ec2-describe-transit-gateway-vpc-attachments.json", calls.DescribeTransitGatewayVpcAttachments);
  put("ec2-describe-transit-gateway-route-tables.json", calls.DescribeTransitGatewayRouteTables);
  put("ec2-get-transit-gateway-route-table-associations.json", calls.GetTransitGatewayRouteTableAssociations);
  put("ec2-get-transit-gateway-route-table-propagations.json", calls.GetTransitGatewayRouteTablePropagations);
  put("ec2-search-transit-gateway-routes.json", calls.SearchTransitGatewayRoutes);
  put("ec2-describe-vpc-peering-connections.json", calls.DescribeVpcPeeringConnections);
  put("route53-list-hosted-zones-by-vpc.json", calls.ListHostedZonesByVPC);
  put("route53-list-hosted-zones.json", calls.ListHostedZones);
  put("route53-list-resource-record-sets.json", calls.ListResourceRecordSets);
  put("route53resolver-list-resolver-rules.json", calls.ListResolverRules);
  put("route53resolver-list-resolver-rule-associations.json", calls.ListResolverRuleAssociations);
  put("route53profiles-list-profiles.json", calls.ListProfiles);
  put("route53profiles-list-profile-associations.json", calls.ListProfileAssociations);
  put("route53profiles-list-profile-resource-associations.json", calls.ListProfileResourceAssociations);
  if (calls.ListFunctions?.status === "ok") {
    const functions = calls.ListFunctions.data.Functions;
    files["lambda-list-functions.json"] = { Functions: functions.map((fn) => asListed(served, fn)) };
    files["resourcegroupstaggingapi-get-resources.json"] = {
      ResourceTagMappingList: functions
        .filter((fn) => Object.keys(fn.Tags ?? {}).length > 0)
        .map((fn) => ({ ResourceARN: fn.FunctionArn, Tags: Object.entries(fn.Tags ?? {}).map(([Key, Value]) => ({ Key, Value })) })),
    };
  }
  if (calls.GetFunctionConfiguration?.status === "ok" && calls.ListFunctions?.status === "ok") {
    // Full get-function-configuration outputs, environment values included, as the AWS CLI prints them.
    const listed = calls.ListFunctions.data.Functions;
    files["lambda-get-function-configuration.json"] = calls.GetFunctionConfiguration.data.map((state) => ({
      ...asListed(served, listed.find((fn) => fn.FunctionArn === state.FunctionArn)!),
      ...state,
    }));
  }
  return files;
}

async function writeDir(dir: string, files: Record<string, unknown>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), typeof content === "string" ? content : `${JSON.stringify(content, null, 4)}\n`);
  }
}

test("a directory of AWS CLI output gives the snapshot a live collection of the same account gives", async () => {
  for (const region of [REGION, SECOND_REGION]) await writeDir(join(root, region), cliFiles(account, account.regions[region]!));
  await writeFile(join(root, "sts-get-caller-identity.json"), JSON.stringify({ UserId: "AIDATEST", Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/t` }));
  const server = await startAwsServer(account);
  try {
    const live = await collect({ regions: [REGION, SECOND_REGION], endpointUrl: server.url, credentials: TEST_CREDENTIALS });
    const fromCli = await readAwsCliDir(root);
    expect(normalise(fromCli.accounts)).toEqual(normalise(live.accounts));
    expect(fromCli.source?.kind).toBe("aws-cli");
    expect(JSON.stringify(fromCli)).not.toContain(CANARY);
  } finally {
    await server.close();
  }
});

test("the landing-zone commands read back as the hub's calls: per-table, per-VPC and per-zone arrays carrying their ids", async () => {
  const hub = landingZoneAccounts()[HUB]![LZ_REGION]!;
  await writeDir(join(root, LZ_REGION), { ...cliFiles({ accountId: HUB, regions: { [LZ_REGION]: hub } }, hub), "sts-get-caller-identity.json": { Account: HUB } });
  const calls = (await readAwsCliDir(root)).accounts[HUB]?.regions[LZ_REGION]?.calls;
  for (const call of LANDING_ZONE_CALLS) expect([call, normalise(calls?.[call])]).toEqual([call, normalise(hub[call])]);
});

test("a per-VPC file without the VPC's region is an input error naming the place", async () => {
  const hub = landingZoneAccounts()[HUB]![LZ_REGION]!;
  const files = cliFiles({ accountId: HUB, regions: { [LZ_REGION]: hub } }, hub);
  files["route53-list-hosted-zones-by-vpc.json"] = [{ VPCId: "vpc-1", HostedZoneSummaries: [] }];
  await writeDir(join(root, LZ_REGION), { ...files, "sts-get-caller-identity.json": { Account: HUB } });
  await expect(readAwsCliDir(root)).rejects.toThrow(`${join(root, LZ_REGION, "route53-list-hosted-zones-by-vpc.json")}: $[0].VPCRegion: a string`);
});

test("one region's directory named by a `region` file; missing files are gaps; the account comes from function ARNs", async () => {
  const files = cliFiles(account, account.regions[REGION]!);
  delete files["ec2-describe-security-groups.json"];
  await writeDir(join(root, "dump"), { ...files, region: `${REGION}\n` });
  const snapshot = await readAwsCliDir(join(root, "dump"));
  const calls = snapshot.accounts[ACCOUNT]?.regions[REGION]?.calls;
  expect(calls?.DescribeSecurityGroups).toBeUndefined();
  expect(normalise(calls?.DescribeSubnets)).toEqual(normalise(account.regions[REGION]!.DescribeSubnets));
});

/** Tokyo's function names and Tags as read from a directory holding `files` in place of the get-resources output. */
async function tokyoTags(files: Record<string, unknown>): Promise<{ tags: [string, unknown][]; notes: unknown }> {
  const { "resourcegroupstaggingapi-get-resources.json": _bulk, ...rest } = cliFiles(account, account.regions[REGION]!);
  await writeDir(join(root, REGION), { ...rest, ...files, "sts-get-caller-identity.json": { Account: ACCOUNT } });
  const snapshot = await readAwsCliDir(root);
  const listed = snapshot.accounts[ACCOUNT]?.regions[REGION]?.calls.ListFunctions;
  const functions = listed?.status === "ok" ? listed.data.Functions : [];
  return { tags: functions.map((fn) => [fn.FunctionName, fn.Tags]), notes: snapshot.notes };
}

test("get-resources output: tags go on the VPC functions only, an unlisted VPC function has none", async () => {
  const arn = (name: string): string => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
  const read = await tokyoTags({
    "resourcegroupstaggingapi-get-resources.json": {
      PaginationToken: "",
      ResourceTagMappingList: [
        { ResourceARN: arn("no-vpc-reporter"), Tags: [{ Key: "team", Value: "web" }] },
        { ResourceARN: arn("decrypt-orders"), Tags: [{ Key: "kms-audit:uses-kms", Value: "true" }] },
      ],
    },
  });
  expect(read).toEqual({
    tags: [
      ["decrypt-orders", { "kms-audit:uses-kms": "true" }],
      ["no-vpc-reporter", undefined],
      ["keyed-writer", {}],
    ],
    notes: undefined,
  });
});

test("a failed get-resources: no tags, and the note a live collection writes", async () => {
  const read = await tokyoTags({
    "resourcegroupstaggingapi-get-resources.error.txt":
      "\nAn error occurred (AccessDeniedException) when calling the GetResources operation: User is not authorized to perform: tag:GetResources\n",
  });
  expect(read).toEqual({
    tags: [
      ["decrypt-orders", undefined],
      ["no-vpc-reporter", undefined],
      ["keyed-writer", undefined],
    ],
    notes: [
      {
        region: REGION,
        message: "GetResources (tag:GetResources) failed (AccessDeniedException): the tags of 2 VPC functions, kms-audit:uses-kms included, are unknown",
      },
    ],
  });
});

test("the older lambda-list-tags.json is still read", async () => {
  const read = await tokyoTags({
    "lambda-list-tags.json": [{ Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:decrypt-orders`, Tags: { team: "orders" } }],
  });
  expect(read.tags).toEqual([
    ["decrypt-orders", { team: "orders" }],
    ["no-vpc-reporter", undefined],
    ["keyed-writer", undefined],
  ]);
});

test("AWS CLI v2 error output: the code, and the whole message even when it holds colons", async () => {
  await writeDir(join(root, REGION), {
    "ec2-describe-vpcs.error.txt": "\nAn error occurred (InternalError) when calling the DescribeVpcs operation (reached max retries: 2): <!doctype html>\n<html><title>502: Bad gateway</title></html>\n",
    "ec2-describe-subnets.error.txt": "\nAn error occurred (RequestLimitExceeded) when calling the DescribeSubnets operation (reached max retries: 4): Request limit exceeded.\n",
    "ec2-describe-route-tables.error.txt": '\nCould not connect to the endpoint URL: "https://ec2.ap-northeast-1.amazonaws.com/"\n',
    "ec2-describe-addresses.error.txt": '\nUnable to locate credentials. You can configure credentials by running "aws configure".\n',
    "ec2-describe-dhcp-options.error.txt": "something else entirely: with a colon\n",
    "sts-get-caller-identity.json": { Account: ACCOUNT },
  });
  const calls = (await readAwsCliDir(root)).accounts[ACCOUNT]?.regions[REGION]?.calls;
  expect(calls).toEqual({
    DescribeVpcs: { status: "failed", error: { code: "InternalError", message: "<!doctype html> <html><title>502: Bad gateway</title></html>" } },
    DescribeSubnets: { status: "failed", error: { code: "RequestLimitExceeded", message: "Request limit exceeded." } },
    DescribeRouteTables: { status: "failed", error: { code: "EndpointConnectionError", message: 'Could not connect to the endpoint URL: "https://ec2.ap-northeast-1.amazonaws.com/"' } },
    DescribeDhcpOptions: { status: "failed", error: { code: "Error", message: "something else entirely: with a colon" } },
    DescribeAddresses: { status: "failed", error: { code: "NoCredentialsError", message: 'Unable to locate credentials. You can configure credentials by running "aws configure".' } },
  });
});

test("a failed command's stderr becomes a gap with AWS's error code", async () => {
  await writeDir(join(root, REGION), {
    "ec2-describe-vpcs.error.txt": "\nAn error occurred (UnauthorizedOperation) when calling the DescribeVpcs operation: You are not authorized to perform this operation.\n",
    "sts-get-caller-identity.json": { Account: ACCOUNT },
  });
  const snapshot = await readAwsCliDir(root);
  expect(snapshot.accounts[ACCOUNT]?.regions[REGION]?.calls).toEqual({
    DescribeVpcs: { status: "failed", error: { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation." } },
  });
});

describe("bad directories get an InputError naming the file, the place and what was expected", () => {
  async function failure(): Promise<InputError> {
    const error = await readAwsCliDir(root).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }

  test("truncated JSON: the line and column", async () => {
    await mkdir(join(root, REGION));
    await writeFile(join(root, REGION, "ec2-describe-vpcs.json"), '{\n    "Vpcs": [\n        {"VpcId": "vpc-1"}\n');
    const error = await failure();
    expect(error.file).toBe(join(root, REGION, "ec2-describe-vpcs.json"));
    expect(error.place).toBe("line 4 column 1");
    expect(error.expected).toBe("expected ',' or a closing bracket; the file ends early (truncated?)");
  });

  test("a stray character: one line naming the file", async () => {
    await mkdir(join(root, REGION));
    await writeFile(join(root, REGION, "ec2-describe-vpcs.json"), '{\n    "Vpcs": [\n        {"VpcId": "vpc-1"},,\n    ]\n}\n');
    const error = await failure();
    expect(error.file).toBe(join(root, REGION, "ec2-describe-vpcs.json"));
    expect(error.message).not.toContain("\n");
    expect([error.place, error.expected]).toEqual(["line 3 column 28", "expected a JSON value"]);
  });

  test("a malformed lambda-list-functions.json: line, column and what was expected, never its text", async () => {
    const secret = "hunter2-env-value-canary";
    await mkdir(join(root, REGION));
    const text = `{\n    "Functions": [\n        {"FunctionName": "f", "Environment": {"Variables": {"DB_PASSWORD": ${secret}}}}\n    ]\n}\n`;
    await writeFile(join(root, REGION, "lambda-list-functions.json"), text);
    expect(() => JSON.parse(text)).toThrow(/hunter2/); // what the old message quoted
    const error = await failure();
    expect([error.file, error.place, error.expected]).toEqual([join(root, REGION, "lambda-list-functions.json"), "line 3 column 76", "expected a JSON value"]);
    expect(error.message).not.toContain("hunter2");
    for (const broken of [text.replace(`${secret}}`, `"${secret}\u0007"}`), text.slice(0, text.indexOf(secret) + 10), text.replace(secret, `"${secret}\\q"`)]) {
      await writeFile(join(root, REGION, "lambda-list-functions.json"), broken);
      expect((await failure()).message).not.toContain("hunter2");
    }
  });

  test("a binary file or a device: refused before it is read whole", async () => {
    await mkdir(join(root, REGION));
    await writeFile(join(root, REGION, "ec2-describe-vpcs.json"), Buffer.from([0x7b, 0x00, 0x7d]));
    const error = await failure();
    expect([error.place, error.expected]).toEqual(["(file)", "expected a text file, found a NUL byte at byte 2 (binary data or a device such as /dev/zero)"]);
  });

  test("a command's output of the wrong shape: the JSON path", async () => {
    await writeDir(join(root, REGION), { "ec2-describe-subnets.json": { Subnets: [{ SubnetId: "subnet-1" }, "subnet-2"] } });
    const error = await failure();
    expect([error.file, error.place, error.expected]).toEqual([join(root, REGION, "ec2-describe-subnets.json"), "$.Subnets[1]", "an object"]);
  });

  test("a per-resource file that is not an array", async () => {
    await writeDir(join(root, REGION), { "ec2-describe-vpc-attribute.json": { VpcId: "vpc-1", EnableDnsSupport: { Value: true } } });
    const error = await failure();
    expect(error.place).toBe("$");
    expect(error.expected).toBe("a JSON array of `aws ec2 describe-vpc-attribute --output json` outputs, each with its VpcId");
  });

  test("an environment variable value that is not a string", async () => {
    await writeDir(join(root, REGION), {
      "lambda-list-functions.json": { Functions: [{ FunctionName: "f", FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`, Environment: { Variables: { N: 1 } } }] },
    });
    const error = await failure();
    expect([error.place, error.expected]).toEqual(["$.Functions[0].Environment.Variables.N", "a string"]);
  });

  test("a folder that is not named after a region and has no region file", async () => {
    await writeDir(join(root, "dump"), { "ec2-describe-vpcs.json": { Vpcs: [] } });
    const error = await failure();
    expect([error.file, error.place]).toEqual([join(root, "dump"), "region"]);
  });

  test("no account id anywhere", async () => {
    await writeDir(join(root, REGION), { "ec2-describe-vpcs.json": { Vpcs: [] } });
    const error = await failure();
    expect([error.file, error.place]).toEqual([root, "sts-get-caller-identity.json"]);
  });

  test("a file instead of a directory", async () => {
    await writeFile(join(root, "file.json"), "{}");
    await expect(readAwsCliDir(join(root, "file.json"))).rejects.toThrow(new InputError(join(root, "file.json"), "(directory)", "a directory of AWS CLI output, not a file"));
  });
});
