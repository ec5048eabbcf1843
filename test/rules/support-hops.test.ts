import { buildModel, buildRegionIndex } from "../../src/model/index.js";
import type { PathResult } from "../../src/model/types.js";
import { functionOf, ownedHops, regionPaths } from "../../src/rules/support/hops.js";
import * as b from "../support/build.js";

const vpcConfig = { SubnetIds: [b.ids.privateA], SecurityGroupIds: [b.ids.sgFunction], VpcId: b.ids.vpc };

function regionWith(functions: ReturnType<typeof b.lambdaFunction>[]) {
  const d = { ...b.emptyRegion(), functions };
  return buildRegionIndex(b.ACCOUNT, b.REGION, b.regionCalls(d));
}

function resultFor(arn: string | undefined, functionName: string): PathResult {
  return { function: { type: "lambda-function", id: functionName, ...(arn === undefined ? {} : { arn }) }, functionName } as PathResult;
}

describe("functionOf", () => {
  const first = b.lambdaFunction({ FunctionName: "orders", FunctionArn: "arn:aws:lambda:ap-northeast-1:123456789012:function:first", VpcConfig: vpcConfig });
  const second = b.lambdaFunction({ FunctionName: "billing", VpcConfig: vpcConfig });
  const third = b.lambdaFunction({ FunctionName: "orders", FunctionArn: "arn:aws:lambda:ap-northeast-1:123456789012:function:third", VpcConfig: vpcConfig });
  const region = regionWith([first, second, third]);

  it("returns the first function matching the ARN or the name, in the region's order", () => {
    expect(functionOf(region, resultFor(third.FunctionArn, "orders"))).toBe(first);
    expect(functionOf(region, resultFor(second.FunctionArn, "nobody"))).toBe(second);
    expect(functionOf(region, resultFor(undefined, "billing"))).toBe(second);
  });

  it("returns undefined when neither matches", () => {
    expect(functionOf(region, resultFor("arn:aws:lambda:ap-northeast-1:123456789012:function:gone", "gone"))).toBeUndefined();
  });
});

describe("regionPaths and ownedHops", () => {
  it("give each call a fresh array of the region's paths and of the rule's hops", () => {
    const model = buildModel(b.toSnapshot(b.scenario()));
    const region = model.regions[0]!;
    const paths = regionPaths(model, region);
    expect(paths).toEqual(model.paths.filter((p) => p.region === region.region));
    paths.pop();
    expect(regionPaths(model, region)).toHaveLength(model.paths.length);
    const owned = ownedHops(model, region, "lambda-public-subnet");
    const count = owned.length;
    owned.push(owned[0]!);
    expect(ownedHops(model, region, "lambda-public-subnet")).toHaveLength(count);
  });
});
