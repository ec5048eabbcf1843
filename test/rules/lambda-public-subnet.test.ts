import rule from "../../src/rules/lambda-public-subnet.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, endpointScenario, ids, natScenario, snap } from "./scenarios.js";

function inSubnets(d: b.RegionData, subnets: string[]): void {
  d.functions[0] = { ...d.functions[0]!, VpcConfig: { SubnetIds: subnets, SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc } };
}

ruleTester.run(rule, {
  valid: [
    { name: "private subnets with a NAT", snapshot: natScenario() },
    { name: "public subnet, but KMS through an endpoint", snapshot: endpointScenario((d) => inSubnets(d, [ids.publicA])) },
  ],
  invalid: [
    {
      name: "function only in a public subnet",
      snapshot: snap((d) => inSubnets(d, [ids.publicA])),
      violations: [{ messageId: "publicSubnet", resourceId: ids.fn, key: ids.publicA, severity: "error", data: { subnet: ids.publicA, igw: ids.igw, services: "kms" } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `# private subnets of ${ids.vpc} (comma-separated, one per AZ) whose 0.0.0.0/0 route goes to a NAT gateway, or that reach an interface endpoint`,
          "SUBNETS=''",
          `aws lambda update-function-configuration --function-name ${ids.fn} --vpc-config 'SubnetIds='"$SUBNETS"',SecurityGroupIds=${ids.sgFunction}' --region ap-northeast-1`,
        ]),
    },
    {
      name: "one public and one private subnet: keep the private one",
      snapshot: natScenario((d) => inSubnets(d, [ids.publicA, ids.privateC])),
      violations: [{ messageId: "publicSubnet", resourceId: ids.fn, key: ids.publicA }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `aws lambda update-function-configuration --function-name ${ids.fn} --vpc-config SubnetIds=${ids.privateC},SecurityGroupIds=${ids.sgFunction} --region ap-northeast-1`,
        ]),
    },
  ],
});
