import { naturalCompare, naturalSort } from "../../src/text/natural.js";

describe("natural order", () => {
  it("orders numbers inside names by value: fn-2 before fn-10", () => {
    expect(naturalSort(["fn-10", "fn-2", "fn-1", "fn-100", "fn-20"])).toEqual(["fn-1", "fn-2", "fn-10", "fn-20", "fn-100"]);
    expect(naturalSort(["orders-v10-eu", "orders-v9-eu", "orders-v9-ap"])).toEqual(["orders-v9-ap", "orders-v9-eu", "orders-v10-eu"]);
  });

  it("is a total order: leading zeros and prefixes decide, equal names compare equal", () => {
    expect(naturalSort(["a01", "a1", "a", "a1b", "b"])).toEqual(["a", "a01", "a1", "a1b", "b"]);
    expect(naturalCompare("same", "same")).toBe(0);
    expect(Math.sign(naturalCompare("a2", "a10"))).toBe(-Math.sign(naturalCompare("a10", "a2")));
  });

  it("compares AWS ids (hexadecimal) as they are", () => {
    expect(naturalSort(["subnet-0000000000000016a", "subnet-00000000000000169"])).toEqual(["subnet-00000000000000169", "subnet-0000000000000016a"]);
  });
});
