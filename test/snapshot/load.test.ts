import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../../src/errors.js";
import { loadSnapshotFile, parseSnapshot } from "../../src/snapshot/load.js";
import { CALL_NAMES } from "../../src/snapshot/types.js";
import { scenario, toSnapshot } from "../support/build.js";

const FILE = "snap.json";
const REGION_PATH = '$.accounts["123456789012"].regions["ap-northeast-1"]';

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected an InputError");
}

function textOf(edit: (snapshot: any) => void): string {
  const snapshot = JSON.parse(JSON.stringify(toSnapshot(scenario())));
  edit(snapshot);
  return JSON.stringify(snapshot, null, 2);
}

function calls(snapshot: any): any {
  return snapshot.accounts["123456789012"].regions["ap-northeast-1"].calls;
}

describe("parseSnapshot", () => {
  it("returns the snapshot when it is valid", () => {
    const snapshot = parseSnapshot(JSON.stringify(toSnapshot(scenario())), FILE);
    expect(snapshot.accounts["123456789012"]?.regions["ap-northeast-1"]?.calls.DescribeSubnets).toEqual({ status: "ok", data: { Subnets: scenario().subnets } });
  });

  it("accepts a leading byte order mark", () => {
    expect(parseSnapshot(`\uFEFF${JSON.stringify(toSnapshot(scenario()))}`, FILE).version).toBe(1);
  });

  it.each<[string, string, string]>([
    ["an empty file", "", `${FILE}: line 1 column 1: expected a JSON object (a kms-audit/snapshot file), found an empty file`],
    ["a blank file", " \n\n", `${FILE}: line 1 column 1: expected a JSON object (a kms-audit/snapshot file), found an empty file`],
    ["truncated JSON", '{\n  "format": "kms-audit/snapshot",\n  "accounts": {', `${FILE}: line 3 column 16: expected a property name in double quotes or '}'; the file ends early (truncated?)`],
    ["a missing comma", '{\n  "format": "kms-audit/snapshot"\n  "version": 1\n}', `${FILE}: line 3 column 3: expected ',' or '}'`],
    ["a trailing comma", '{"format": 1,}', `${FILE}: line 1 column 14: expected a property name in double quotes`],
    ["garbage after the value", '{"a": 1} x', `${FILE}: line 1 column 10: expected the end of the file after the top-level value`],
    ["a bare word", "{\n  \"a\": nope\n}", `${FILE}: line 2 column 8: expected a JSON value`],
    ["a string cut short", '{"a": "abc', `${FILE}: line 1 column 11: expected the closing '"' of a string; the file ends early (truncated?)`],
  ])("reports the line and column of %s", (_name, text, message) => {
    expect(messageOf(() => parseSnapshot(text, FILE))).toBe(message);
  });

  it.each<[string, string, string]>([
    ["not an object", "[1, 2]", `${FILE}: $: expected a JSON object (a kms-audit/snapshot file), found an array`],
    ["another format", '{"format": "cyclonedx", "version": 1, "accounts": {}}', `${FILE}: $.format: expected "kms-audit/snapshot", found string "cyclonedx"`],
    ["a version this build can't read", '{"format": "kms-audit/snapshot", "version": 2, "accounts": {}}', `${FILE}: $.version: expected a snapshot version this build reads (1), found number 2`],
    ["no accounts", '{"format": "kms-audit/snapshot", "version": 1}', `${FILE}: $.accounts: expected a value (required), found nothing`],
    ["an account key that is not an account id", '{"format": "kms-audit/snapshot", "version": 1, "accounts": {"prod": {"regions": {}}}}', `${FILE}: $.accounts.prod: expected an account id of 12 digits as key, found "prod"`],
  ])("rejects %s", (_name, text, message) => {
    expect(messageOf(() => parseSnapshot(text, FILE))).toBe(message);
  });

  it.each<[string, (s: any) => void, string]>([
    [
      "a collection note without its message",
      (s) => {
        s.notes = [{ region: "ap-northeast-1", message: "ListTags denied" }, { region: "us-east-1" }];
      },
      `${FILE}: $.notes[1].message: expected a value (required), found nothing`,
    ],
    [
      "a region key that is not a region",
      (s) => {
        s.accounts["123456789012"].regions.Tokyo = { calls: {} };
      },
      `${FILE}: $.accounts["123456789012"].regions.Tokyo: expected a region name like "ap-northeast-1" as key, found "Tokyo"`,
    ],
    [
      "a wrong type deep inside AWS data",
      (s) => {
        calls(s).DescribeSubnets.data.Subnets[3].CidrBlock = 24;
      },
      `${FILE}: ${REGION_PATH}.calls.DescribeSubnets.data.Subnets[3].CidrBlock: expected a string, found number 24`,
    ],
    [
      "a missing id that AWS always returns",
      (s) => {
        delete calls(s).DescribeRouteTables.data.RouteTables[1].RouteTableId;
      },
      `${FILE}: ${REGION_PATH}.calls.DescribeRouteTables.data.RouteTables[1].RouteTableId: expected a value (required), found nothing`,
    ],
    [
      "a bad enum in AWS data",
      (s) => {
        calls(s).DescribeRouteTables.data.RouteTables[1].Routes[1].State = "Blackhole";
      },
      `${FILE}: ${REGION_PATH}.calls.DescribeRouteTables.data.RouteTables[1].Routes[1].State: expected one of "active", "blackhole", "filtered", found string "Blackhole"`,
    ],
    [
      "a bad call status",
      (s) => {
        calls(s).DescribeVpcs.status = "success";
      },
      `${FILE}: ${REGION_PATH}.calls.DescribeVpcs.status: expected one of "ok", "failed", found string "success"`,
    ],
    [
      "a failed call without its error",
      (s) => {
        calls(s).DescribeNatGateways = { status: "failed" };
      },
      `${FILE}: ${REGION_PATH}.calls.DescribeNatGateways.error: expected a value (required), found nothing`,
    ],
    [
      "a failed call whose error has no code",
      (s) => {
        calls(s).DescribeNatGateways = { status: "failed", error: { message: "denied" } };
      },
      `${FILE}: ${REGION_PATH}.calls.DescribeNatGateways.error.code: expected a value (required), found nothing`,
    ],
    [
      "an unknown call name",
      (s) => {
        calls(s).DescribeSubnet = { status: "ok", data: {} };
      },
      `${FILE}: ${REGION_PATH}.calls.DescribeSubnet: expected a call this build reads (${CALL_NAMES.join(", ")}), found "DescribeSubnet"`,
    ],
    [
      "an environment variable class that does not exist",
      (s) => {
        calls(s).ListFunctions.data.Functions[0].Environment.VariableClasses.DB_PASSWORD = "secret";
      },
      `${FILE}: ${REGION_PATH}.calls.ListFunctions.data.Functions[0].Environment.VariableClasses.DB_PASSWORD: expected one of "kms-ciphertext", "kms-key-reference", "secretsmanager-secret-arn", "ssm-parameter-arn", "sqs-queue-url", "sns-topic-arn", "dynamodb-table-arn", "s3-bucket-arn", "s3-uri", "plain", "empty", found string "secret"`,
    ],
    [
      "environment variable values",
      (s) => {
        calls(s).ListFunctions.data.Functions[0].Environment.Variables = { DB_PASSWORD: "hunter2" };
      },
      `${FILE}: ${REGION_PATH}.calls.ListFunctions.data.Functions[0].Environment.Variables: expected no Environment.Variables of function "decrypt-orders": secrets never enter a snapshot, collectors keep only Environment.VariableClasses`,
    ],
    [
      "duplicate subnet ids",
      (s) => {
        calls(s).DescribeSubnets.data.Subnets[2].SubnetId = "subnet-0public0000000a1";
      },
      `${FILE}: ${REGION_PATH}.calls.DescribeSubnets.data.Subnets[2].SubnetId: expected a unique SubnetId, found "subnet-0public0000000a1" again (first at DescribeSubnets.data.Subnets[0])`,
    ],
    [
      "duplicate function ARNs",
      (s) => {
        const fns = calls(s).ListFunctions.data.Functions;
        fns.push({ ...fns[0], FunctionName: "copy" });
      },
      `${FILE}: ${REGION_PATH}.calls.ListFunctions.data.Functions[1].FunctionArn: expected a unique FunctionArn, found "arn:aws:lambda:ap-northeast-1:123456789012:function:decrypt-orders" again (first at ListFunctions.data.Functions[0])`,
    ],
    [
      "duplicate security group ids",
      (s) => {
        const groups = calls(s).DescribeSecurityGroups.data.SecurityGroups;
        groups.push(groups[0]);
      },
      `${FILE}: ${REGION_PATH}.calls.DescribeSecurityGroups.data.SecurityGroups[2].GroupId: expected a unique GroupId, found "sg-0default000000000001" again (first at DescribeSecurityGroups.data.SecurityGroups[0])`,
    ],
    [
      "duplicate prefix list entry records",
      (s) => {
        calls(s).GetManagedPrefixListEntries.data = [
          { PrefixListId: "pl-61a54008", Entries: [] },
          { PrefixListId: "pl-61a54008", Entries: [] },
        ];
      },
      `${FILE}: ${REGION_PATH}.calls.GetManagedPrefixListEntries.data[1].PrefixListId: expected a unique PrefixListId, found "pl-61a54008" again (first at GetManagedPrefixListEntries.data[0])`,
    ],
  ])("rejects %s with one line naming the path", (_name, edit, message) => {
    const text = textOf(edit);
    const actual = messageOf(() => parseSnapshot(text, FILE));
    expect(actual).toBe(message);
    expect(actual).not.toContain("\n");
  });

  // Issue 10 §4: these were input errors (exit 2); a deleted subnet or group is a finding about the function.
  it.each<[string, (s: any) => void]>([
    ["a subnet DescribeSubnets did not return", (s) => (calls(s).ListFunctions.data.Functions[0].VpcConfig.SubnetIds = ["subnet-0private000000a1", "subnet-0gone00000000001"])],
    ["a security group DescribeSecurityGroups did not return", (s) => (calls(s).ListFunctions.data.Functions[0].VpcConfig.SecurityGroupIds = ["sg-0gone000000000001"])],
  ])("loads a snapshot whose function names %s (lambda-vpc-config-stale reports it)", (_name, edit) => {
    expect(parseSnapshot(textOf(edit), FILE).version).toBe(1);
  });

  it("rejects a GetFunctionConfiguration record carrying environment values", () => {
    const text = textOf((s) => {
      calls(s).GetFunctionConfiguration = { status: "ok", data: [{ FunctionArn: "arn:aws:lambda:ap-northeast-1:123456789012:function:decrypt-orders", Environment: { Variables: { A: "b" } } }] };
    });
    expect(messageOf(() => parseSnapshot(text, FILE))).toContain("calls.GetFunctionConfiguration.data[0].Environment.Variables: expected no Environment.Variables");
  });

  it.each<[string, (s: any) => void]>([
    ["DescribeSubnets failed", (s) => (calls(s).DescribeSubnets = { status: "failed", error: { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation." } })],
    ["DescribeSubnets was not collected", (s) => delete calls(s).DescribeSubnets],
  ])("does not check subnet references when %s (a gap, not an error)", (_name, edit) => {
    const text = textOf((s) => {
      edit(s);
      calls(s).ListFunctions.data.Functions[0].VpcConfig.SubnetIds = ["subnet-0unknown000000001"];
    });
    expect(parseSnapshot(text, FILE).accounts["123456789012"]?.regions["ap-northeast-1"]?.calls.DescribeSubnets?.status).not.toBe("ok");
  });

  it("accepts a ListFunctions page as the AWS CLI prints it, once values are classified", () => {
    const functions = [
      {
        FunctionName: "no-vpc-fn",
        FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:no-vpc-fn",
        Runtime: "nodejs22.x",
        Role: "arn:aws:iam::123456789012:role/service-role/no-vpc-fn-role",
        Handler: "index.handler",
        CodeSize: 266,
        Timeout: 3,
        VpcConfig: { SubnetIds: [], SecurityGroupIds: [], VpcId: "" },
        TracingConfig: { Mode: "PassThrough" },
        Architectures: ["x86_64"],
        EphemeralStorage: { Size: 512 },
      },
      {
        FunctionName: "basic-lambda",
        FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:basic-lambda",
        Runtime: "python3.12",
        VpcConfig: { SubnetIds: ["subnet-0bb1c79de301436ee", "subnet-02bf4c428bf44ebce"], SecurityGroupIds: ["sg-0123456789abcdef0"], VpcId: "vpc-0ee975135dEXAMPLE", Ipv6AllowedForDualStack: false },
        Environment: { VariableClasses: { TABLE_NAME: "plain", DB_PASSWORD: "kms-ciphertext" } },
        KMSKeyArn: "arn:aws:kms:us-east-1:123456789012:key/749cf958-a304-404a-8a40-b588a316c4d0",
        PackageType: "Zip",
      },
    ];
    const text = JSON.stringify({
      format: "kms-audit/snapshot",
      version: 1,
      accounts: { "123456789012": { regions: { "us-east-1": { calls: { ListFunctions: { status: "ok", data: { Functions: functions, NextMarker: null } } } } } } },
    });
    const fns = parseSnapshot(text, FILE).accounts["123456789012"]?.regions["us-east-1"]?.calls.ListFunctions;
    expect(fns?.status === "ok" && fns.data.Functions.map((f) => f.FunctionName)).toEqual(["no-vpc-fn", "basic-lambda"]);
  });

  it("accepts additional AWS properties anywhere", () => {
    const text = textOf((s) => {
      s.accounts["123456789012"].regions["ap-northeast-1"].collector = { pages: 3 };
      calls(s).DescribeSubnets.data.Subnets[0].Ipv6Native = false;
      calls(s).DescribeSubnets.data.NextToken = null;
      calls(s).ListFunctions.data.Functions[0].SnapStart = { ApplyOn: "None" };
    });
    expect(parseSnapshot(text, FILE).version).toBe(1);
  });
});

describe("loadSnapshotFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "kms-audit-load-"));

  it("returns the snapshot, its path and its text", async () => {
    const path = join(dir, "ok.json");
    const text = JSON.stringify(toSnapshot(scenario()), null, 2);
    writeFileSync(path, text);
    const loaded = await loadSnapshotFile(path);
    expect(loaded.path).toBe(path);
    expect(loaded.text).toBe(text);
    expect(Object.keys(loaded.snapshot.accounts)).toEqual(["123456789012"]);
  });

  it("names a missing file", async () => {
    const path = join(dir, "missing.json");
    await expect(loadSnapshotFile(path)).rejects.toThrow(new InputError(path, "file", "expected an existing snapshot file, found no such file"));
  });

  it("names a directory", async () => {
    const path = join(dir, "a-directory");
    mkdirSync(path);
    await expect(loadSnapshotFile(path)).rejects.toThrow(`${path}: file: expected a snapshot file, found a directory`);
  });

  it("reports syntax errors with the file name", async () => {
    const path = join(dir, "bad.json");
    writeFileSync(path, '{\n  "format": }');
    await expect(loadSnapshotFile(path)).rejects.toThrow(`${path}: line 2 column 13: expected a JSON value`);
  });
});

describe("malformed CIDR blocks are input errors naming the JSON path", () => {
  const REGION_CALLS = `${REGION_PATH}.calls`;
  const IPV4 = "expected an IPv4 CIDR block such as 10.0.0.0/16";
  const IPV6 = "expected an IPv6 CIDR block such as 2001:db8::/56";
  it.each<[string, (c: any) => void, string, string]>([
    ["VPC CidrBlock", (c) => (c.DescribeVpcs.data.Vpcs[0].CidrBlock = "not-a-cidr"), ".DescribeVpcs.data.Vpcs[0].CidrBlock", `${IPV4}, found "not-a-cidr"`],
    ["VPC association set", (c) => (c.DescribeVpcs.data.Vpcs[0].CidrBlockAssociationSet = [{ CidrBlock: "10.0.0.0/16" }, { CidrBlock: "999.0.0.0/99" }]), ".DescribeVpcs.data.Vpcs[0].CidrBlockAssociationSet[1].CidrBlock", `${IPV4}, found "999.0.0.0/99"`],
    ["VPC IPv6 association", (c) => (c.DescribeVpcs.data.Vpcs[0].Ipv6CidrBlockAssociationSet = [{ Ipv6CidrBlock: "10.0.0.0/16" }]), ".DescribeVpcs.data.Vpcs[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock", `${IPV6}, found "10.0.0.0/16"`],
    ["subnet CidrBlock", (c) => (c.DescribeSubnets.data.Subnets[2].CidrBlock = "10.0.10.0/33"), ".DescribeSubnets.data.Subnets[2].CidrBlock", `${IPV4}, found "10.0.10.0/33"`],
    ["subnet IPv6", (c) => (c.DescribeSubnets.data.Subnets[0].Ipv6CidrBlockAssociationSet = [{ Ipv6CidrBlock: "2001:db8::/129" }]), ".DescribeSubnets.data.Subnets[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock", `${IPV6}, found "2001:db8::/129"`],
    ["route destination", (c) => (c.DescribeRouteTables.data.RouteTables[1].Routes[1].DestinationCidrBlock = "0.0.0.0"), ".DescribeRouteTables.data.RouteTables[1].Routes[1].DestinationCidrBlock", `${IPV4}, found "0.0.0.0"`],
    ["route IPv6 destination", (c) => c.DescribeRouteTables.data.RouteTables[1].Routes.push({ DestinationIpv6CidrBlock: "::/0/0", State: "active" }), ".DescribeRouteTables.data.RouteTables[1].Routes[2].DestinationIpv6CidrBlock", `${IPV6}, found "::/0/0"`],
    ["SG IpRanges", (c) => (c.DescribeSecurityGroups.data.SecurityGroups[1].IpPermissionsEgress[0].IpRanges[0].CidrIp = "0.0.0.0/-1"), ".DescribeSecurityGroups.data.SecurityGroups[1].IpPermissionsEgress[0].IpRanges[0].CidrIp", `${IPV4}, found "0.0.0.0/-1"`],
    ["SG Ipv6Ranges", (c) => (c.DescribeSecurityGroups.data.SecurityGroups[0].IpPermissions[0].Ipv6Ranges = [{ CidrIpv6: "fe80::1%eth0/64" }]), ".DescribeSecurityGroups.data.SecurityGroups[0].IpPermissions[0].Ipv6Ranges[0].CidrIpv6", `${IPV6}, found "fe80::1%eth0/64"`],
    ["NACL CidrBlock", (c) => (c.DescribeNetworkAcls.data.NetworkAcls[0].Entries[1].CidrBlock = " 10.0.0.0/8"), ".DescribeNetworkAcls.data.NetworkAcls[0].Entries[1].CidrBlock", `${IPV4}, found " 10.0.0.0/8"`],
    ["NACL IPv6", (c) => (c.DescribeNetworkAcls.data.NetworkAcls[0].Entries[0].Ipv6CidrBlock = "::/999"), ".DescribeNetworkAcls.data.NetworkAcls[0].Entries[0].Ipv6CidrBlock", `${IPV6}, found "::/999"`],
    ["prefix-list entry", (c) => (c.GetManagedPrefixListEntries.data = [{ PrefixListId: "pl-1", Entries: [{ Cidr: "52.94.0.0/22" }, { Cidr: "052.94.0.0/22x" }] }]), ".GetManagedPrefixListEntries.data[0].Entries[1].Cidr", 'expected a CIDR block such as 10.0.0.0/16 or 2001:db8::/56, found "052.94.0.0/22x"'],
  ])("%s", (_name, edit, place, expected) => {
    expect(messageOf(() => parseSnapshot(textOf((s) => edit(calls(s))), FILE))).toBe(`${FILE}: ${REGION_CALLS}${place}: ${expected}`);
  });

  it("accepts well-formed IPv4 and IPv6 blocks, host bits included", () => {
    const text = textOf((s) => {
      calls(s).DescribeVpcs.data.Vpcs[0].Ipv6CidrBlockAssociationSet = [{ Ipv6CidrBlock: "2600:1f18:1234:5600::/56" }];
      calls(s).DescribeRouteTables.data.RouteTables[1].Routes.push({ DestinationIpv6CidrBlock: "::/0", State: "active" }, { DestinationCidrBlock: "10.1.2.3/8", State: "active" });
      calls(s).GetManagedPrefixListEntries.data = [{ PrefixListId: "pl-1", Entries: [{ Cidr: "52.94.0.0/22" }, { Cidr: "2600:1f18::/32" }] }];
    });
    expect(parseSnapshot(text, FILE).version).toBe(1);
  });
});
