import type { RegionCalls } from "../../src/snapshot/types.js";
import { buildModel, buildRegionIndex } from "../../src/model/index.js";
import { ACCOUNT, REGION, ids, regionCalls, scenario, toSnapshot, withKmsEndpoint, withNat } from "../support/build.js";
import { pathOf, summary } from "./helpers.js";

const failed = (call: keyof RegionCalls) => (calls: RegionCalls): RegionCalls => ({
  ...calls,
  [call]: { status: "failed", error: { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation." } },
});
const absent = (call: keyof RegionCalls) => (calls: RegionCalls): RegionCalls => {
  const copy: Record<string, unknown> = { ...calls };
  delete copy[call];
  return copy as RegionCalls;
};

describe("data gaps", () => {
  it("records absent and failed calls as gaps, not empty lists", () => {
    const index = buildRegionIndex(ACCOUNT, REGION, failed("DescribeNatGateways")(absent("DescribeDhcpOptions")(regionCalls(scenario()))));
    expect(index.gaps.get("DescribeNatGateways")).toEqual({
      call: "DescribeNatGateways",
      reason: "failed",
      error: { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation." },
    });
    expect(index.gaps.get("DescribeDhcpOptions")).toEqual({ call: "DescribeDhcpOptions", reason: "not-collected" });
    expect(index.gaps.has("DescribeSubnets")).toBe(false);
  });

  it("a failed DescribeNatGateways makes the NAT path unverifiable with a DATA_GAP naming the call and error", () => {
    const path = pathOf(withNat(scenario()), ids.privateA, "kms", failed("DescribeNatGateways"));
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`unknown DATA_GAP ${ACCOUNT}/${REGION}`]);
    expect(path.blocking[0]!.detail).toBe(
      `DescribeNatGateways failed (UnauthorizedOperation: You are not authorized to perform this operation.) in ${ACCOUNT}/${REGION}, so the NAT gateway ${ids.nat} can't be checked.`,
    );
    expect(path.blocking[0]!.component.name).toBe("DescribeNatGateways");
  });

  it("DescribeVpcEndpoints not collected: an endpoint might capture DNS, so a blocked internet path is unverifiable", () => {
    const path = pathOf(scenario(), ids.privateA, "kms", absent("DescribeVpcEndpoints"));
    expect(path.verdict).toBe("unverifiable");
    expect(path.blocking.map((h) => `${h.status} ${h.code} ${h.component.name ?? h.component.id}`)).toEqual([
      "unknown DATA_GAP DescribeVpcEndpoints",
      `fail NO_ROUTE_TO_DESTINATION ${ids.rtbMain}`,
    ]);
  });

  it("DescribeSecurityGroups failed: the endpoint path is unverifiable, never reachable", () => {
    const path = pathOf(withKmsEndpoint(scenario()), ids.privateA, "kms", failed("DescribeSecurityGroups"));
    expect(path.verdict).toBe("unverifiable");
    expect(new Set(path.blocking.map((h) => h.code))).toEqual(new Set(["DATA_GAP"]));
  });

  it("DescribeVpcAttribute not collected: DNS capture unknown, so the verdict is unverifiable", () => {
    const path = pathOf(withKmsEndpoint(scenario()), ids.privateA, "kms", absent("DescribeVpcAttribute"));
    expect(path.verdict).toBe("unverifiable");
    expect(path.blocking.filter((h) => h.code === "DATA_GAP").map((h) => h.component.name)).toEqual(["DescribeVpcAttribute", "DescribeVpcAttribute"]);
  });

  it("a function subnet that DescribeSubnets no longer lists was deleted: no path from it (lambda-vpc-config-stale reports it)", () => {
    const d = withNat(scenario());
    d.functions[0]!.VpcConfig = { SubnetIds: [ids.privateA, "subnet-0gone"], SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc };
    const model = buildModel(toSnapshot(d));
    expect(model.paths.map((p) => `${p.subnetId} ${p.verdict}`)).toEqual([`${ids.privateA} reachable-via-nat`]);
  });

  it("a deleted security group is left out; a function whose groups are all deleted has no path at all", () => {
    const d = withNat(scenario());
    d.functions[0]!.VpcConfig = { SubnetIds: [ids.privateA], SecurityGroupIds: [ids.sgFunction, "sg-0gone"], VpcId: ids.vpc };
    expect(buildModel(toSnapshot(d)).paths.map((p) => `${p.subnetId} ${p.verdict}`)).toEqual([`${ids.privateA} reachable-via-nat`]);
    d.functions[0]!.VpcConfig = { SubnetIds: [ids.privateA], SecurityGroupIds: ["sg-0gone"], VpcId: ids.vpc };
    expect(buildModel(toSnapshot(d)).paths).toEqual([]);
  });

  it("DescribeSecurityGroups failed: the function's groups are unknown, its paths unverifiable", () => {
    const model = buildModel(toSnapshot(withNat(scenario()), failed("DescribeSecurityGroups")));
    expect(model.paths.map((p) => p.verdict)).toEqual(["unverifiable", "unverifiable"]);
  });

  it("DescribeSubnets failed: every function subnet is unverifiable with DATA_GAP", () => {
    const model = buildModel(toSnapshot(withNat(scenario()), failed("DescribeSubnets")));
    expect(model.paths.map((p) => `${p.verdict} ${p.blocking[0]?.code}`)).toEqual(["unverifiable DATA_GAP", "unverifiable DATA_GAP"]);
  });
});
