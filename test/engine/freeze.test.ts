import { deepFreeze, freezeEnvelope } from "../../src/engine/freeze.js";
import { scanWith } from "../../src/engine/scan.js";
import { defineRule, type Rule } from "../../src/rules/types.js";
import * as b from "../support/build.js";
import { testRuleMeta } from "../support/test-rule.js";

describe("freezeEnvelope", () => {
  it("freezes the snapshot down to each call record and leaves the AWS data inside unfrozen", () => {
    const snapshot = freezeEnvelope(b.toSnapshot(b.scenario()));
    const region = snapshot.accounts[b.ACCOUNT]!.regions[b.REGION]!;
    expect([Object.isFrozen(snapshot), Object.isFrozen(snapshot.accounts), Object.isFrozen(region), Object.isFrozen(region.calls)]).toEqual([true, true, true, true]);
    const record = region.calls.DescribeVpcs!;
    expect(Object.isFrozen(record)).toBe(true);
    expect(record.status === "ok" && Object.isFrozen(record.data)).toBe(false);
  });

  it("freezes a failed call's error", () => {
    const snapshot = freezeEnvelope(b.toSnapshot(b.scenario(), (calls) => ({ ...calls, DescribeVpcs: { status: "failed", error: { code: "Throttling", message: "slow down" } } })));
    const record = snapshot.accounts[b.ACCOUNT]!.regions[b.REGION]!.calls.DescribeVpcs!;
    expect(record.status === "failed" && Object.isFrozen(record.error)).toBe(true);
  });
});

describe("deepFreeze", () => {
  it("freezes every nested object", () => {
    const value = deepFreeze({ a: { b: [{ c: 1 }] } });
    expect([Object.isFrozen(value.a), Object.isFrozen(value.a.b), Object.isFrozen(value.a.b[0])]).toEqual([true, true, true]);
  });
});

describe("scan and a rule writing to its input", () => {
  it("makes a write to the snapshot envelope a tool error", () => {
    const writer = defineRule({
      meta: testRuleMeta("writer", { found: "found" }),
      *check({ snapshot }) {
        (snapshot.accounts[b.ACCOUNT]!.regions[b.REGION]!.calls as { DescribeVpcs?: unknown }).DescribeVpcs = undefined;
        yield* [];
      },
    }) as Rule;
    const result = scanWith([writer], b.toSnapshot(b.scenario()));
    expect(result.toolErrors.map((e) => e.ruleId)).toEqual(["writer"]);
  });
});
