import { memoised } from "../../src/model/memo.js";
import { parseIpv4Cidr } from "../../src/model/cidr.js";

describe("memoised", () => {
  it("computes once per key and owner, and returns the frozen result", () => {
    const owner = {};
    let calls = 0;
    const compute = () => {
      calls += 1;
      return { value: calls };
    };
    const first = memoised(owner, ["decision", "a", 1], compute);
    const again = memoised(owner, ["decision", "a", 1], compute);
    const other = memoised(owner, ["decision", "a", 2], compute);
    expect([first.value, again.value, other.value, calls]).toEqual([1, 1, 2, 2]);
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it("keeps owners apart and compares object key parts by identity", () => {
    const part = { id: "x" };
    const a = memoised({}, ["decision", part], () => ({ owner: "a" }));
    const b = memoised({}, ["decision", part], () => ({ owner: "b" }));
    const owner = {};
    const byPart = memoised(owner, ["decision", part], () => ({ part: 1 }));
    const byLookalike = memoised(owner, ["decision", { id: "x" }], () => ({ part: 2 }));
    expect([a.owner, b.owner, byPart.part, byLookalike.part]).toEqual(["a", "b", 1, 2]);
  });
});

describe("parseIpv4Cidr's cache", () => {
  it("returns the same frozen interval for the same text, and undefined again for invalid text", () => {
    const first = parseIpv4Cidr("10.20.0.0/16");
    expect(parseIpv4Cidr("10.20.0.0/16")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(parseIpv4Cidr("10.20.0.0/40")).toBeUndefined();
    expect(parseIpv4Cidr("10.20.0.0/40")).toBeUndefined();
  });
});
