import { renderExplain } from "../../src/report/explain.js";
import { blockedPath, natPath, unverifiablePath } from "./support/sample.js";

describe("explain", () => {
  it("renders every attempt and hop of each subnet, with marks, codes, details and settings", () => {
    expect(renderExplain([natPath, blockedPath], 0)).toBe(
      [
        "function decrypt-orders arn:aws:lambda:ap-northeast-1:123456789012:function:decrypt-orders",
        "123456789012/ap-northeast-1 · vpc-0a1b2c3d4e5f60001",
        "",
        "subnet-0private000000a1 (ap-northeast-1a) → kms: blocked",
        "  attempt 1: interface endpoint: blocked",
        "    ✗ vpc vpc-0a1b2c3d4e5f60001 [NO_ENDPOINT] vpc-0a1b2c3d4e5f60001 has no interface endpoint for com.amazonaws.ap-northeast-1.kms",
        "        change: create an interface endpoint com.amazonaws.ap-northeast-1.kms in vpc-0a1b2c3d4e5f60001",
        "  attempt 2: public endpoint (route table): blocked",
        "    ✗ route-table rtb-0main000000000001 egress [NO_ROUTE_TO_DESTINATION] rtb-0main000000000001 (main table of subnet-0private000000a1) has no route for 0.0.0.0/0",
        "        change: rtb-0main000000000001 routes: add 0.0.0.0/0 -> a public NAT gateway",
        "",
        "subnet-0private000000c1 (ap-northeast-1c) → kms: reachable-via-nat (nat-0a1b2c3d4e5f60001)",
        "  attempt 1: NAT gateway nat-0a1b2c3d4e5f60001: reachable",
        "    ✓ route-table rtb-0private0000000001 egress [ROUTE_MATCHED] rtb-0private0000000001 routes 0.0.0.0/0 to nat-0a1b2c3d4e5f60001",
        "  notes:",
        "    · nat-gateway nat-0a1b2c3d4e5f60001 [AVAILABILITY_ZONE_CROSSED] nat-0a1b2c3d4e5f60001 is in ap-northeast-1a, the subnet in ap-northeast-1c",
        "",
      ].join("\n"),
    );
  });

  it("says when a subnet had no attempt to evaluate", () => {
    expect(renderExplain([unverifiablePath], 0)).toContain("subnet-0tgw0000000000a1 (ap-northeast-1a) → kms: unverifiable\n  no way to the service was found to evaluate\n");
  });

  it("renders nothing for no paths and colours only above level 0", () => {
    expect(renderExplain([], 0)).toBe("");
    expect(renderExplain([blockedPath], 0)).not.toContain("\u001b[");
    expect(renderExplain([blockedPath], 1)).toContain("\u001b[31m✗\u001b[39m");
  });
});
