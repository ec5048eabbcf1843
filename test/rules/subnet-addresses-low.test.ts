import rule from "../../src/rules/subnet-addresses-low.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, ids, natScenario } from "./scenarios.js";

function freeAddresses(d: b.RegionData, subnetId: string, count: number): void {
  d.subnets = d.subnets.map((s) => (s.SubnetId === subnetId ? { ...s, AvailableIpAddressCount: count } : s));
}

ruleTester.run(rule, {
  valid: [
    { name: "AvailableIpAddressCount not in the data", snapshot: natScenario() },
    { name: "plenty of free addresses", snapshot: natScenario((d) => freeAddresses(d, ids.privateA, 251)) },
    { name: "exactly the default threshold is not below it", snapshot: natScenario((d) => freeAddresses(d, ids.privateA, 10)) },
    { name: "a subnet no function uses", snapshot: natScenario((d) => freeAddresses(d, ids.publicA, 0)) },
    { name: "a lower configured threshold", snapshot: natScenario((d) => freeAddresses(d, ids.privateA, 3)), settings: { subnetFreeAddresses: 3 } },
  ],
  invalid: [
    {
      name: "below the default threshold of 10",
      snapshot: natScenario((d) => freeAddresses(d, ids.privateC, 4)),
      violations: [{ messageId: "fewAddresses", resourceId: ids.privateC, key: "free-addresses", severity: "warning", data: { free: 4, threshold: 10, functions: `function ${ids.fn}`, use: "uses" } }],
      findings: ([f]) => {
        expect(f!.message).toContain(`Subnet ${ids.privateC} (ap-northeast-1c) has 4 free IPv4 addresses, fewer than 10`);
        expect(f!.remediation.commands).toEqual([
          `aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=${ids.privateC} --query 'NetworkInterfaces[].[NetworkInterfaceId,InterfaceType,Status,Description]' --output table --region ap-northeast-1`,
        ]);
      },
    },
    {
      name: "a configured threshold, two functions sharing the subnet",
      snapshot: natScenario((d) => {
        freeAddresses(d, ids.privateA, 30);
        d.functions.push(b.lambdaFunction({ FunctionName: "audit-writer", VpcConfig: { SubnetIds: [ids.privateA], SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc } }));
      }),
      settings: { subnetFreeAddresses: 50 },
      violations: [{ messageId: "fewAddresses", resourceId: ids.privateA, data: { free: 30, threshold: 50, functions: `functions audit-writer and ${ids.fn}`, use: "use" } }],
    },
  ],
});
