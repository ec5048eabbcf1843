import rule from "../../src/rules/lambda-vpc-config-stale.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, fnArn, ids, natScenario } from "./scenarios.js";

const GONE_SUBNET = "subnet-0gone000000000001";
const GONE_GROUP = "sg-0gone000000000001";

function vpcConfig(d: b.RegionData, SubnetIds: string[], SecurityGroupIds: string[] = [ids.sgFunction]): void {
  d.functions[0] = { ...d.functions[0]!, VpcConfig: { SubnetIds, SecurityGroupIds, VpcId: ids.vpc } };
}

function state(d: b.RegionData, State: string, StateReasonCode?: string, StateReason?: string): void {
  const fn = d.functions[0]!;
  d.functionStates = [{ FunctionName: fn.FunctionName, FunctionArn: fn.FunctionArn, State, ...(StateReasonCode ? { StateReasonCode } : {}), ...(StateReason ? { StateReason } : {}), LastUpdateStatus: "Successful" }];
}

const update = (value: string) => `aws lambda update-function-configuration --function-name ${fnArn} --vpc-config ${value} --region ap-northeast-1`;

ruleTester.run(rule, {
  valid: [
    { name: "every subnet and group exists, state not collected", snapshot: natScenario() },
    { name: "Active", snapshot: natScenario((d) => state(d, "Active")) },
    { name: "Inactive because idle (not a network interface failure)", snapshot: natScenario((d) => state(d, "Inactive", "Idle")) },
    {
      name: "a subnet missing while DescribeSubnets failed is a gap, not a deleted subnet",
      snapshot: b.toSnapshot(
        (() => {
          const d = b.withNat(b.scenario());
          vpcConfig(d, [ids.privateA, GONE_SUBNET]);
          return d;
        })(),
        (calls) => ({ ...calls, DescribeSubnets: { status: "failed", error: { code: "UnauthorizedOperation", message: "denied" } } }),
      ),
    },
  ],
  invalid: [
    {
      name: "a deleted subnet: error, and the VpcConfig without it",
      snapshot: natScenario((d) => vpcConfig(d, [ids.privateA, GONE_SUBNET])),
      violations: [
        {
          messageId: "deletedResources",
          resourceId: ids.fn,
          key: "vpc-config",
          severity: "error",
          data: { deleted: `subnet ${GONE_SUBNET}`, exist: "exists", notListed: "DescribeSubnets doesn't list it", code: "InvalidSubnet" },
        },
      ],
      findings: ([f]) => {
        expect(f!.message).toContain("The next time Lambda creates them, at the first invocation after the function goes idle and Inactive or at its next update, it fails with InvalidSubnet");
        expect(f!.remediation.commands).toEqual([update(`SubnetIds=${ids.privateA},SecurityGroupIds=${ids.sgFunction}`)]);
      },
    },
    {
      name: "deleted subnet and group, the function already Inactive with InvalidSubnet",
      snapshot: natScenario((d) => {
        vpcConfig(d, [ids.privateA, GONE_SUBNET], [ids.sgFunction, GONE_GROUP]);
        state(d, "Inactive", "InvalidSubnet");
      }),
      violations: [
        {
          messageId: "deletedResources",
          resourceId: ids.fn,
          key: "vpc-config",
          data: {
            deleted: `subnet ${GONE_SUBNET} and security group ${GONE_GROUP}`,
            exist: "exist",
            notListed: "DescribeSubnets and DescribeSecurityGroups don't list them",
            consequence: "It is Inactive with StateReasonCode InvalidSubnet already: every invocation fails until the VpcConfig is fixed.",
          },
        },
      ],
      findings: ([f]) => expect(f!.remediation.commands).toEqual([update(`SubnetIds=${ids.privateA},SecurityGroupIds=${ids.sgFunction}`)]),
    },
    {
      name: "every security group deleted: the user lists existing ones on a commented line (an empty list would detach the function)",
      snapshot: natScenario((d) => vpcConfig(d, [ids.privateA], [GONE_GROUP])),
      violations: [{ messageId: "deletedResources", resourceId: ids.fn, data: { code: "InvalidSecurityGroup" } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `# every security group of the function was deleted: list existing ones of ${ids.vpc} before the update`,
          `VPC_CONFIG=SubnetIds=${ids.privateA},SecurityGroupIds=`,
          update('"$VPC_CONFIG"'),
        ]),
    },
    {
      name: "Failed with SubnetOutOfIPAddresses: error, and the VpcConfig to extend",
      snapshot: natScenario((d) => state(d, "Failed", "SubnetOutOfIPAddresses", "Lambda was unable to create an ENI: the subnet has no free IP address.")),
      violations: [
        {
          messageId: "failedState",
          resourceId: ids.fn,
          key: "vpc-config",
          severity: "error",
          data: { state: "Failed", code: "SubnetOutOfIPAddresses", meaning: "a subnet of its VpcConfig has no free IP address" },
        },
      ],
      findings: ([f]) => {
        expect(f!.message).toContain("Lambda says: Lambda was unable to create an ENI");
        expect(f!.remediation.commands).toEqual([
          "# the function's subnets and security groups: replace or add subnets with free addresses (or free addresses in these)",
          `VPC_CONFIG=SubnetIds=${ids.privateA},${ids.privateC},SecurityGroupIds=${ids.sgFunction}`,
          update('"$VPC_CONFIG"'),
        ]);
      },
    },
    {
      name: "Inactive with EniLimitExceeded: the network interface quota",
      snapshot: natScenario((d) => state(d, "Inactive", "EniLimitExceeded")),
      violations: [{ messageId: "failedState", resourceId: ids.fn, data: { state: "Inactive", code: "EniLimitExceeded" } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          "aws service-quotas get-service-quota --service-code vpc --quota-code L-DF5E4CA3 --region ap-northeast-1",
          "# network interfaces per region to ask for: more than the applied value printed above (AWS's default is 5000)",
          "ENI_QUOTA=6000",
          'aws service-quotas request-service-quota-increase --service-code vpc --quota-code L-DF5E4CA3 --desired-value "$ENI_QUOTA" --region ap-northeast-1',
          "# once the increase is granted, update the function so that Lambda creates its network interfaces again",
          update(`SubnetIds=${ids.privateA},${ids.privateC},SecurityGroupIds=${ids.sgFunction}`),
        ]),
    },
    {
      name: "Failed with InvalidSecurityGroup though every group is listed now: re-apply the configuration",
      snapshot: natScenario((d) => state(d, "Failed", "InvalidSecurityGroup")),
      violations: [{ messageId: "failedState", resourceId: ids.fn, data: { code: "InvalidSecurityGroup" } }],
      findings: ([f]) => expect(f!.remediation.commands.at(-1)).toBe(update(`SubnetIds=${ids.privateA},${ids.privateC},SecurityGroupIds=${ids.sgFunction}`)),
    },
  ],
});
