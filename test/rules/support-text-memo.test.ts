import type { Hop, PathResult } from "../../src/model/types.js";
import { hasKmsUseEvidence, kmsUseEvidence, USES_KMS_TAG } from "../../src/rules/support/kms-evidence.js";
import { oncePerKey } from "../../src/rules/support/once.js";
import { blockingDescriber, describeBlocking, hopsBySubnet } from "../../src/rules/support/path-text.js";
import { resolveSettings } from "../../src/engine/settings.js";
import * as b from "../support/build.js";

const sgHop: Hop = { component: { type: "security-group", id: "sg-1" }, status: "fail", code: "ENI_SG_RULES_MISMATCH", direction: "egress", detail: "no outbound TCP 443" };
const routeHop: Hop = { component: { type: "route-table", id: "rtb-1" }, status: "unknown", code: "UNSUPPORTED_COMPONENT", detail: "route to tgw-1" };

function path(subnetId: string, availabilityZone: string | undefined, blocking: readonly Hop[]): PathResult {
  return { subnetId, ...(availabilityZone === undefined ? {} : { availabilityZone }), blocking } as PathResult;
}

describe("blocking hop texts", () => {
  it("describe each hop and the rule that owns it, or say that none was recorded", () => {
    expect(describeBlocking([sgHop, routeHop])).toBe(
      "security-group sg-1: no outbound TCP 443 (see lambda-sg-egress-blocked); route-table rtb-1: route to tgw-1",
    );
    expect(describeBlocking([])).toBe("no blocking hop recorded");
  });

  it("are described once per list of hops", () => {
    const describe = blockingDescriber();
    const hops = [sgHop];
    expect(describe(hops)).toBe(describeBlocking(hops));
    expect(describe(hops)).toBe(describe(hops));
    expect(describe([routeHop])).toBe("route-table rtb-1: route to tgw-1");
  });

  it("merge subnets whose hops read the same, in first-seen order", () => {
    const results = [path("subnet-a", "az-a", [sgHop]), path("subnet-b", undefined, [routeHop]), path("subnet-c", "az-c", [{ ...sgHop }])];
    const expected =
      "subnet-a (az-a) and subnet-c (az-c): security-group sg-1: no outbound TCP 443 (see lambda-sg-egress-blocked) | " +
      "subnet-b: route-table rtb-1: route to tgw-1";
    expect(hopsBySubnet(results)).toBe(expected);
    expect(hopsBySubnet(results, blockingDescriber())).toBe(expected);
    expect(hopsBySubnet([path("subnet-a", "az-a", [])])).toBe("subnet-a (az-a): no blocking hop recorded");
  });
});

describe("oncePerKey", () => {
  it("computes each key once, undefined results included", () => {
    const calls: string[] = [];
    const lookup = oncePerKey((key: string) => {
      calls.push(key);
      return key === "none" ? undefined : key.length;
    });
    expect([lookup("abc"), lookup("none"), lookup("abc"), lookup("none"), lookup("de")]).toEqual([3, undefined, 3, undefined, 2]);
    expect(calls).toEqual(["abc", "none", "de"]);
  });
});

describe("hasKmsUseEvidence", () => {
  const settings = resolveSettings(undefined, ["declared-*"]);
  const cases = [
    b.lambdaFunction({ FunctionName: "plain", Environment: { VariableClasses: { A: "plain" } } }),
    b.lambdaFunction({ FunctionName: "ciphertext", Environment: b.clientSideEncryptedEnv }),
    b.lambdaFunction({ FunctionName: "key-ref", Environment: { VariableClasses: { KEY: "kms-key-reference" } } }),
    b.lambdaFunction({ FunctionName: "tagged", Tags: { [USES_KMS_TAG]: "TRUE" } }),
    b.lambdaFunction({ FunctionName: "tagged-false", Tags: { [USES_KMS_TAG]: "false" } }),
    b.lambdaFunction({ FunctionName: "declared-orders" }),
    b.lambdaFunction({ FunctionName: "bare" }),
  ];

  it("agrees with kmsUseEvidence on whether there is evidence", () => {
    expect(cases.map((fn) => hasKmsUseEvidence(fn, settings))).toEqual([false, true, true, true, false, true, false]);
    for (const fn of cases) expect(hasKmsUseEvidence(fn, settings)).toBe(kmsUseEvidence(fn, settings) !== undefined);
  });
});
