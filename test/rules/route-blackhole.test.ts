import rule from "../../src/rules/route-blackhole.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, ids, natScenario, privateDefaultRoute, snap } from "./scenarios.js";

/** The public route table (the NAT gateway's) with this default route. */
function publicDefaultRoute(d: b.RegionData, route: Parameters<typeof b.route>[0]): void {
  d.routeTables = d.routeTables.map((t) => (t.RouteTableId === ids.rtbPublic ? { ...t, Routes: [b.localRoute(), b.route({ DestinationCidrBlock: "0.0.0.0/0", ...route })] } : t));
}

ruleTester.run(rule, {
  valid: [
    { name: "active NAT route", snapshot: natScenario() },
    { name: "no default route at all (another rule's business)", snapshot: snap() },
  ],
  invalid: [
    {
      name: "default route to a deleted NAT gateway",
      snapshot: natScenario((d) => privateDefaultRoute(d, { NatGatewayId: "nat-0deleted0000000001", State: "blackhole" })),
      violations: [
        {
          messageId: "blackhole",
          resourceId: ids.rtbPrivate,
          key: "0.0.0.0/0",
          severity: "error",
          data: { target: "nat-0deleted0000000001", destination: "0.0.0.0/0", why: "NAT gateway nat-0deleted0000000001 no longer exists" },
        },
      ],
      findings: ([f]) => {
        expect(f!.resource.arn).toBe(`arn:aws:ec2:ap-northeast-1:123456789012:route-table/${ids.rtbPrivate}`);
        expect(f!.remediation.commands).toEqual([
          `aws ec2 replace-route --route-table-id ${ids.rtbPrivate} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id ${ids.nat} --region ap-northeast-1`,
        ]);
      },
    },
    {
      // The target was an internet gateway: the route goes to the VPC's attached one, never to the NAT that lives behind it.
      name: "the NAT subnet's default route to a deleted internet gateway, another one attached: re-pointed at it",
      snapshot: natScenario((d) => {
        publicDefaultRoute(d, { GatewayId: "igw-0deleted0000000001", State: "blackhole" });
        d.internetGateways = [b.internetGateway("igw-0new000000000001")];
      }),
      violations: [{ messageId: "blackhole", resourceId: ids.rtbPublic, key: "0.0.0.0/0", severity: "error", data: { target: "igw-0deleted0000000001" } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([`aws ec2 replace-route --route-table-id ${ids.rtbPublic} --destination-cidr-block 0.0.0.0/0 --gateway-id igw-0new000000000001 --region ap-northeast-1`]),
    },
    {
      name: "a deleted NAT gateway's route in the table of the only live NAT's own subnet: never routed to that NAT (a loop)",
      snapshot: natScenario((d) => publicDefaultRoute(d, { NatGatewayId: "nat-0deleted0000000001", State: "blackhole" })),
      violations: [{ messageId: "blackhole", resourceId: ids.rtbPublic, key: "0.0.0.0/0" }],
      findings: ([f]) => {
        expect(f!.remediation.commands.join("\n")).not.toContain(ids.nat);
        expect(f!.remediation.commands[f!.remediation.commands.length - 1]).toBe(`aws ec2 replace-route --route-table-id ${ids.rtbPublic} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id "$NAT" --region ap-northeast-1`);
      },
    },
    {
      name: "a route to a deleted transit gateway: no guessed replacement, the route named",
      snapshot: natScenario((d) => privateDefaultRoute(d, { TransitGatewayId: "tgw-0gone00000000001", State: "blackhole" })),
      violations: [{ messageId: "blackhole", resourceId: ids.rtbPrivate, key: "0.0.0.0/0" }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `# 0.0.0.0/0 -> tgw-0gone00000000001 in ${ids.rtbPrivate} led to a transit gateway that no longer exists: point it at its replacement, or delete it if the traffic may take the next matching route`,
        ]),
    },
    {
      // Issue 10 §5: the message said the target "no longer exists" for an internet gateway that was only detached.
      name: "default route to an internet gateway that was detached, not deleted",
      snapshot: natScenario((d) => {
        d.internetGateways.push({ ...b.internetGateway("igw-0detached00000001"), Attachments: [] });
        privateDefaultRoute(d, { GatewayId: "igw-0detached00000001", State: "blackhole" });
      }),
      violations: [{ messageId: "blackhole", resourceId: ids.rtbPrivate, data: { why: `internet gateway igw-0detached00000001 still exists but is detached from ${ids.vpc}` } }],
      findings: ([f]) => {
        expect(f!.message).not.toContain("no longer exists");
        expect(f!.evidence[0]!.detail).toContain("is a blackhole: internet gateway igw-0detached00000001 still exists but is detached from");
      },
    },
    {
      name: "default route to an internet gateway attached to another VPC",
      snapshot: natScenario((d) => {
        d.internetGateways.push(b.internetGateway("igw-0elsewhere0000001", "vpc-0other00000000001"));
        privateDefaultRoute(d, { GatewayId: "igw-0elsewhere0000001", State: "blackhole" });
      }),
      violations: [{ messageId: "blackhole", resourceId: ids.rtbPrivate, data: { why: `internet gateway igw-0elsewhere0000001 is attached to vpc-0other00000000001, not to ${ids.vpc}` } }],
    },
  ],
});
