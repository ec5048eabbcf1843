import { SnapshotLocator, locateResource } from "../../src/snapshot/locate.js";
import type { ResourceRef, ResourceType } from "../../src/snapshot/types.js";
import { ACCOUNT, REGION, ids, scenario, toSnapshot, withKmsEndpoint, withNat } from "../support/build.js";

/** Two accounts and two regions sharing ids, a route table whose association repeats its id first. */
const TEXT = `{
  "format": "kms-audit/snapshot",
  "version": 1,
  "accounts": {
    "111111111111": {
      "regions": {
        "ap-northeast-1": {
          "calls": {
            "DescribeSubnets": { "status": "ok", "data": { "Subnets": [ { "SubnetId": "subnet-1", "VpcId": "vpc-1" } ] } }
          }
        }
      }
    },
    "222222222222": {
      "regions": {
        "us-east-1": {
          "calls": {
            "DescribeNatGateways": { "status": "ok", "data": { "NatGateways": [
              { "NatGatewayId": "nat-1", "SubnetId": "subnet-1" }
            ] } },
            "DescribeSubnets": { "status": "ok", "data": { "Subnets": [ { "SubnetId": "subnet-0", "VpcId": "vpc-1" },
              { "SubnetId": "subnet-1", "VpcId": "vpc-1" } ] } },
            "DescribeRouteTables": { "status": "ok", "data": { "RouteTables": [
              {
                "Associations": [ { "Main": true, "RouteTableId": "rtb-1" } ],
                "RouteTableId": "rtb-1",
                "VpcId": "vpc-1"
              }
            ] } }
          }
        },
        "ap-northeast-1": {
          "calls": {
            "DescribeSubnets": { "status": "ok", "data": { "Subnets": [
              { "SubnetId": "subnet-1", "VpcId": "vpc-1" }
            ] } }
          }
        }
      }
    }
  }
}
`;

function ref(type: ResourceType, id: string, account: string, region: string, arn?: string): ResourceRef {
  return { type, id, account, region, ...(arn ? { arn } : {}) };
}

describe("locateResource", () => {
  it.each<[string, ResourceRef, number, number]>([
    ["a subnet in the first account", ref("subnet", "subnet-1", "111111111111", "ap-northeast-1"), 9, 75],
    ["the same subnet id in another account and region, not the NAT's SubnetId before it", ref("subnet", "subnet-1", "222222222222", "us-east-1"), 22, 17],
    ["the same subnet id in the second region of that account", ref("subnet", "subnet-1", "222222222222", "ap-northeast-1"), 35, 17],
    ["a route table at its own id, not the association's", ref("route-table", "rtb-1", "222222222222", "us-east-1"), 26, 17],
    ["a NAT gateway", ref("nat-gateway", "nat-1", "222222222222", "us-east-1"), 19, 17],
    ["a region at its key", ref("region", "us-east-1", "222222222222", "us-east-1"), 16, 9],
    ["an unknown resource at its region's key", ref("subnet", "subnet-9", "222222222222", "ap-northeast-1"), 32, 9],
    ["a resource whose call was not collected at its region's key", ref("vpc", "vpc-1", "222222222222", "ap-northeast-1"), 32, 9],
    ["a resource of an unknown region at line 1", ref("subnet", "subnet-1", "222222222222", "eu-west-1"), 1, 1],
    ["a resource of an unknown account at line 1", ref("subnet", "subnet-1", "333333333333", "ap-northeast-1"), 1, 1],
  ])("finds %s", (_name, resource, line, column) => {
    expect(locateResource(TEXT, resource)).toEqual({ line, column });
  });

  it("tolerates text that is not a snapshot", () => {
    expect(locateResource("[1, 2, {\"accounts\": 3}]", ref("vpc", "vpc-1", ACCOUNT, REGION))).toEqual({ line: 1, column: 1 });
    expect(locateResource("", ref("region", REGION, ACCOUNT, REGION))).toEqual({ line: 1, column: 1 });
  });
});

describe("SnapshotLocator over a whole scenario", () => {
  const snapshot = toSnapshot(withKmsEndpoint(withNat(scenario())));
  const fnArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${ids.fn}`;
  const cases: [ResourceType, string, string, string | null][] = [
    ["lambda-function", ids.fn, "FunctionArn", fnArn],
    ["vpc", ids.vpc, "VpcId", null],
    ["subnet", ids.privateC, "SubnetId", null],
    ["route-table", ids.rtbPrivate, "RouteTableId", null],
    ["internet-gateway", ids.igw, "InternetGatewayId", null],
    ["nat-gateway", ids.nat, "NatGatewayId", null],
    ["vpc-endpoint", ids.kmsEndpoint, "VpcEndpointId", null],
    ["security-group", ids.sgEndpoint, "GroupId", null],
    ["network-acl", ids.aclDefault, "NetworkAclId", null],
    ["dhcp-options", ids.dopt, "DhcpOptionsId", null],
    ["elastic-ip", ids.eip, "AllocationId", null],
  ];

  describe.each([
    ["pretty", JSON.stringify(snapshot, null, 2)],
    ["minified", JSON.stringify(snapshot)],
  ])("%s JSON", (_style, text) => {
    const locator = new SnapshotLocator(text);
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => (m.index as number) + 1)];

    it.each(cases)("points a %s at its id field", (type, id, key, arn) => {
      const { line, column } = locator.locate(ref(type, id, ACCOUNT, REGION, arn ?? undefined));
      const at = text.slice((lineStarts[line - 1] as number) + column - 1);
      expect(at).toMatch(new RegExp(`^"${key}": ?"${arn ?? id}"`));
    });

    it("finds a function by name when no ARN is given", () => {
      const { line, column } = locator.locate(ref("lambda-function", ids.fn, ACCOUNT, REGION));
      expect(text.slice((lineStarts[line - 1] as number) + column - 1)).toMatch(new RegExp(`^"FunctionName": ?"${ids.fn}"`));
    });
  });
});

describe("SnapshotLocator on a large snapshot", () => {
  it("locates every one of thousands of functions and subnets", () => {
    const d = scenario();
    d.subnets = [];
    d.functions = [];
    for (let i = 0; i < 3000; i++) {
      const subnetId = `subnet-${i.toString(16).padStart(17, "0")}`;
      d.subnets.push({ SubnetId: subnetId, VpcId: ids.vpc, CidrBlock: `10.${i >> 8}.${i & 255}.0/24`, AvailabilityZone: `${REGION}a` });
      d.functions.push({ FunctionName: `fn-${i}`, FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn-${i}`, VpcConfig: { SubnetIds: [subnetId], SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc } });
    }
    const text = JSON.stringify(toSnapshot(d), null, 2);
    const lines = text.split("\n");
    const locator = new SnapshotLocator(text);
    for (let i = 0; i < 3000; i++) {
      const fn = locator.locate(ref("lambda-function", `fn-${i}`, ACCOUNT, REGION, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn-${i}`));
      expect(lines[fn.line - 1]?.trim()).toBe(`"FunctionArn": "arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn-${i}",`);
      const subnet = locator.locate(ref("subnet", `subnet-${i.toString(16).padStart(17, "0")}`, ACCOUNT, REGION));
      expect(lines[subnet.line - 1]?.trim()).toBe(`"SubnetId": "subnet-${i.toString(16).padStart(17, "0")}",`);
    }
  });
});
