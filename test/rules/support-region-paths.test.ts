import { buildModel, buildRegionIndex } from "../../src/model/index.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { functionPathsIn, groupByFunction, pathsOfRegion, pathsWithVerdict } from "../../src/rules/support/hops.js";
import * as b from "../support/build.js";

const OTHER_ACCOUNT = "210987654321";

/** Two accounts, two regions; the builders give the function the same ARN in each (inconsistent, but a snapshot may say so). */
function multiRegionSnapshot(): Snapshot {
  const second = b.lambdaFunction({
    FunctionName: "billing",
    VpcConfig: { SubnetIds: [b.ids.privateA], SecurityGroupIds: [b.ids.sgFunction], VpcId: b.ids.vpc },
  });
  const tokyo = b.withNat(b.scenario());
  tokyo.functions.push(second);
  return {
    format: "kms-audit/snapshot",
    version: 1,
    source: { kind: "fixture" },
    accounts: {
      [b.ACCOUNT]: { regions: { [b.REGION]: { calls: b.regionCalls(tokyo) }, "us-east-1": { calls: b.regionCalls(b.scenario()) } } },
      [OTHER_ACCOUNT]: { regions: { [b.REGION]: { calls: b.regionCalls(b.withKmsEndpoint(b.scenario())) } } },
    },
  };
}

describe("region paths", () => {
  const model = buildModel(multiRegionSnapshot(), { servicesFor: () => ["s3"] });
  const inRegion = (account: string, region: string) => model.paths.filter((p) => p.account === account && p.region === region);

  it("hold each region's paths in model order, and those of each verdict", () => {
    expect(model.regions).toHaveLength(3);
    for (const region of model.regions) {
      const expected = inRegion(region.account, region.region);
      expect(expected.length).toBeGreaterThan(0);
      expect(pathsOfRegion(model, region).all).toEqual(expected);
      for (const verdict of ["blocked", "reachable-via-nat", "reachable-via-endpoint", "unverifiable"] as const) {
        expect(pathsWithVerdict(model, region, verdict)).toEqual(expected.filter((p) => p.verdict === verdict));
      }
    }
    const tokyo = model.regionOf(b.ACCOUNT, b.REGION)!;
    expect(pathsWithVerdict(model, tokyo, "reachable-via-nat").map((p) => `${p.functionName} ${p.subnetId} ${p.service}`)).toEqual([
      `billing ${b.ids.privateA} kms`,
      `billing ${b.ids.privateA} s3`,
      `decrypt-orders ${b.ids.privateA} kms`,
      `decrypt-orders ${b.ids.privateA} s3`,
      `decrypt-orders ${b.ids.privateC} kms`,
      `decrypt-orders ${b.ids.privateC} s3`,
    ]);
  });

  it("give a function's paths in one region like model.pathsFor restricted to it", () => {
    for (const region of model.regions) {
      for (const fn of region.functions) {
        const expected = model.pathsFor(fn.FunctionArn).filter((p) => p.account === region.account && p.region === region.region);
        expect(functionPathsIn(model, region, fn.FunctionArn)).toEqual(expected);
      }
    }
    expect(functionPathsIn(model, model.regions[0]!, "arn:aws:lambda:ap-northeast-1:123456789012:function:gone")).toEqual([]);
  });

  it("leave a function's paths for a service across the model to model.pathsFor, other regions included", () => {
    const arn = `arn:aws:lambda:${b.REGION}:${b.ACCOUNT}:function:${b.ids.fn}`;
    const kms = model.pathsFor(arn, "kms");
    expect(kms.every((p) => p.service === "kms" && p.function.arn === arn)).toBe(true);
    expect(kms.map((p) => `${p.account}/${p.region}`)).toEqual([
      `${b.ACCOUNT}/${b.REGION}`,
      `${b.ACCOUNT}/${b.REGION}`,
      `${b.ACCOUNT}/us-east-1`,
      `${b.ACCOUNT}/us-east-1`,
      `${OTHER_ACCOUNT}/${b.REGION}`,
      `${OTHER_ACCOUNT}/${b.REGION}`,
    ]);
    expect(model.pathsFor(arn, "s3")).toEqual(model.pathsFor(arn).filter((p) => p.service === "s3"));
    expect(model.pathsFor("", "kms")).toEqual([]);
  });

  it("filter the paths of a region the model doesn't list", () => {
    const tokyo = model.regionOf(b.ACCOUNT, b.REGION)!;
    const stranger = buildRegionIndex(b.ACCOUNT, b.REGION, b.regionCalls(b.scenario()));
    expect(pathsOfRegion(model, stranger).all).toEqual(pathsOfRegion(model, tokyo).all);
    expect(pathsWithVerdict(model, stranger, "reachable-via-nat")).toEqual(pathsWithVerdict(model, tokyo, "reachable-via-nat"));
  });

  it("group paths by function ARN in their order", () => {
    const tokyo = pathsOfRegion(model, model.regionOf(b.ACCOUNT, b.REGION)!).all;
    const grouped = groupByFunction([...tokyo].reverse());
    expect([...grouped.keys()]).toEqual([
      `arn:aws:lambda:${b.REGION}:${b.ACCOUNT}:function:decrypt-orders`,
      `arn:aws:lambda:${b.REGION}:${b.ACCOUNT}:function:billing`,
    ]);
    expect(grouped.get(`arn:aws:lambda:${b.REGION}:${b.ACCOUNT}:function:billing`)!.map((p) => p.service)).toEqual(["s3", "kms"]);
  });
});
