import rule from "../../src/rules/eip-unassociated.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, natScenario, snap } from "./scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "the NAT gateway's EIP is associated", snapshot: natScenario() },
    { name: "no EIPs", snapshot: snap() },
  ],
  invalid: [
    {
      name: "an EIP attached to nothing",
      snapshot: natScenario((d) => d.addresses.push(b.elasticIp({ AllocationId: "eipalloc-0free00000000001", PublicIp: "203.0.113.20" }))),
      violations: [{ messageId: "unassociated", resourceId: "eipalloc-0free00000000001", severity: "note", data: { publicIp: "203.0.113.20", monthly: "$3.65" } }],
      findings: ([f]) => {
        expect(f!.remediation.commands).toEqual([
          "# releasing is irreversible: 203.0.113.20 can't be allocated again, so first check that no allow-list, DNS record or partner configuration names it",
          "aws ec2 release-address --allocation-id eipalloc-0free00000000001 --region ap-northeast-1",
        ]);
        expect(f!.resource.arn).toBe("arn:aws:ec2:ap-northeast-1:123456789012:elastic-ip/eipalloc-0free00000000001");
      },
    },
  ],
});
