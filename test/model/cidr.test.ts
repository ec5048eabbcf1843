import { complement, coverage, parseIpv4Cidr, PUBLIC_SPACE, subtract, toSet } from "../../src/model/cidr.js";

describe("parseIpv4Cidr", () => {
  it("parses a CIDR into an inclusive interval", () => {
    expect(parseIpv4Cidr("10.0.10.0/24")).toEqual({ start: 167774720, end: 167774975 });
    expect(parseIpv4Cidr("0.0.0.0/0")).toEqual({ start: 0, end: 4294967295 });
    expect(parseIpv4Cidr("203.0.113.7/32")).toEqual({ start: 3405803783, end: 3405803783 });
  });

  it("drops host bits", () => {
    expect(parseIpv4Cidr("10.0.10.77/24")).toEqual(parseIpv4Cidr("10.0.10.0/24"));
  });

  it("rejects IPv6, garbage and out-of-range lengths", () => {
    expect(parseIpv4Cidr("::/0")).toBeUndefined();
    expect(parseIpv4Cidr("10.0.0.0")).toBeUndefined();
    expect(parseIpv4Cidr("10.0.0.0/33")).toBeUndefined();
    expect(parseIpv4Cidr("10.0.0.256/8")).toBeUndefined();
  });
});

describe("address sets", () => {
  const cidr = (c: string) => parseIpv4Cidr(c)!;

  it("merges overlapping and adjacent intervals", () => {
    expect(toSet([cidr("10.0.1.0/24"), cidr("10.0.0.0/24"), cidr("10.0.0.128/25")])).toEqual([cidr("10.0.0.0/23")]);
  });

  it("complements and subtracts", () => {
    expect(complement([cidr("0.0.0.0/1")])).toEqual([cidr("128.0.0.0/1")]);
    expect(subtract([cidr("10.0.0.0/23")], [cidr("10.0.1.0/24")])).toEqual([cidr("10.0.0.0/24")]);
  });

  it("tells whole, partial and no coverage apart", () => {
    expect(coverage([cidr("10.0.0.0/16")], [cidr("10.0.10.0/24")])).toBe("yes");
    expect(coverage([cidr("10.0.10.0/25")], [cidr("10.0.10.0/24")])).toBe("maybe");
    expect(coverage([cidr("10.1.0.0/16")], [cidr("10.0.10.0/24")])).toBe("no");
  });

  it("public space excludes RFC 1918, shared, link-local and loopback space", () => {
    for (const c of ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8"]) {
      expect(coverage(PUBLIC_SPACE, [cidr(c)])).toBe("no");
    }
    expect(coverage(PUBLIC_SPACE, [cidr("52.94.0.0/16")])).toBe("yes");
    expect(coverage([cidr("0.0.0.0/0")], PUBLIC_SPACE)).toBe("yes");
    expect(coverage([cidr("52.0.0.0/8")], PUBLIC_SPACE)).toBe("maybe");
  });
});
