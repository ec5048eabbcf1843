import { defineRule, type Rule } from "../../src/rules/types.js";
import { runRuleOn } from "../support/rule-tester.js";
import * as b from "../support/build.js";
import { testRuleMeta } from "../support/test-rule.js";

function ruleThat(write: (subnets: { CidrBlock?: string }[]) => void): Rule {
  return defineRule({
    meta: testRuleMeta("writer", { found: "found" }),
    *check({ snapshot }, region) {
      const record = snapshot.accounts[region.account]!.regions[region.region]!.calls.DescribeSubnets;
      if (record?.status === "ok") write(record.data.Subnets as { CidrBlock?: string }[]);
      yield* [];
    },
  }) as Rule;
}

describe("the RuleTester's input guard", () => {
  it("fails a rule that writes deep inside the AWS data (which the production scan leaves unfrozen)", () => {
    const writer = ruleThat((subnets) => {
      subnets[0]!.CidrBlock = "10.9.9.0/24";
    });
    expect(() => runRuleOn(writer, { name: "writes", snapshot: b.toSnapshot(b.scenario()) })).toThrow(TypeError);
  });

  it("fails a rule that adds to an array of the AWS data", () => {
    const pusher = ruleThat((subnets) => {
      subnets.push({ CidrBlock: "10.9.9.0/24" });
    });
    expect(() => runRuleOn(pusher, { name: "pushes", snapshot: b.toSnapshot(b.scenario()) })).toThrow(TypeError);
  });

  it("runs a rule that only reads", () => {
    const reader = ruleThat(() => undefined);
    expect(runRuleOn(reader, { name: "reads", snapshot: b.toSnapshot(b.scenario()) }).violations).toEqual([]);
  });
});
