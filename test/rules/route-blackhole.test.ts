import rule from "../../src/rules/route-blackhole.js";
import { ruleTester } from "../support/rule-tester.js";
import { ids, natScenario, privateDefaultRoute, snap } from "./scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "active NAT route", snapshot: natScenario() },
    { name: "no default route at all (another rule's business)", snapshot: snap() },
  ],
  invalid: [
    {
      name: "default route to a deleted NAT gateway",
      snapshot: natScenario((d) => privateDefaultRoute(d, { NatGatewayId: "nat-0deleted0000000001", State: "blackhole" })),
      violations: [{ messageId: "blackhole", resourceId: ids.rtbPrivate, key: "0.0.0.0/0", severity: "error", data: { target: "nat-0deleted0000000001", destination: "0.0.0.0/0" } }],
      findings: ([f]) => {
        expect(f!.resource.arn).toBe(`arn:aws:ec2:ap-northeast-1:123456789012:route-table/${ids.rtbPrivate}`);
        expect(f!.remediation.commands).toEqual([
          `aws ec2 replace-route --route-table-id ${ids.rtbPrivate} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id ${ids.nat} --region ap-northeast-1`,
        ]);
      },
    },
  ],
});
