import { scenario, withKmsEndpoint, withNat } from "../support/build.js";
import { pathOf } from "./helpers.js";

function trace(attempt: { hops: readonly { component: { type: string; id: string }; code: string; direction?: string }[] }): string[] {
  return attempt.hops.map((h) => `${h.code} ${h.component.type}${h.direction ? ` ${h.direction}` : ""}`);
}

// Issue 10 §5: explain printed the function's security group after the internet gateway, and the VPC's DNS hop of a
// NAT path as DNS_RESOLVES_TO_ENDPOINT. Hops are listed in the order traffic meets them.
describe("hops in path order", () => {
  it("NAT path: name resolution, the function's group and subnet ACL, the route, the NAT, its subnet's way out, the answer back", () => {
    const path = pathOf(withNat(scenario()));
    expect(path.verdict).toBe("reachable-via-nat");
    expect(trace(path.attempts.at(-1)!)).toEqual([
      "DNS_RESOLVES vpc",
      "SG_ADMITS security-group egress",
      "ACL_ADMITS network-acl egress",
      "ROUTE_MATCHED route",
      "ACL_ADMITS network-acl ingress",
      "COMPONENT_AVAILABLE nat-gateway",
      "ACL_ADMITS network-acl egress",
      "COMPONENT_AVAILABLE internet-gateway",
      "ACL_ADMITS network-acl ingress",
      "ACL_ADMITS network-acl egress",
      "ACL_ADMITS network-acl ingress",
    ]);
  });

  it("endpoint path: DNS to the endpoint, the function's group, the endpoint's group and state, its policy", () => {
    const path = pathOf(withKmsEndpoint(scenario()));
    expect(path.verdict).toBe("reachable-via-endpoint");
    const codes = trace(path.attempts[0]!);
    expect(codes.slice(0, 2)).toEqual(["DNS_RESOLVES vpc", "ENDPOINT_FOUND vpc-endpoint"]);
    expect(codes.slice(-3)).toEqual(["SG_ADMITS security-group ingress", "COMPONENT_AVAILABLE vpc-endpoint", "ENDPOINT_POLICY_ALLOWS endpoint-policy"]);
    expect(codes.indexOf("SG_ADMITS security-group egress")).toBeLessThan(codes.indexOf("SG_ADMITS security-group ingress"));
  });
});
