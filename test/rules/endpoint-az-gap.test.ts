import rule from "../../src/rules/endpoint-az-gap.js";
import { ruleTester } from "../support/rule-tester.js";
import { endpointScenario, ids, replaceEndpoint, withS3Gateway } from "./scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "endpoint in both AZs", snapshot: endpointScenario() },
    // A gateway endpoint has no subnets: it was reported "only in no AZ" before (issue 10 §4, §5).
    { name: "S3 reached through a gateway endpoint, which lives in no AZ", snapshot: endpointScenario((d) => withS3Gateway(d, [ids.rtbMain])) },
    {
      name: "an endpoint whose subnets' AZs are not in the data: can't tell, no 'only in no AZ'",
      snapshot: endpointScenario((d) => {
        d.subnets.push({ SubnetId: "subnet-0endpoint00000001", VpcId: ids.vpc, CidrBlock: "10.0.20.0/24", State: "available" });
        replaceEndpoint(d, { SubnetIds: ["subnet-0endpoint00000001"] });
      }),
    },
  ],
  invalid: [
    {
      name: "endpoint only in ap-northeast-1a",
      snapshot: endpointScenario((d) => replaceEndpoint(d, { SubnetIds: [ids.privateA], NetworkInterfaceIds: ["eni-0vpce00000000000a"] })),
      violations: [{ messageId: "noEniInAz", resourceId: ids.kmsEndpoint, key: "ap-northeast-1c", severity: "warning", data: { endpointAzs: "ap-northeast-1a" } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([`aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${ids.kmsEndpoint} --add-subnet-ids ${ids.privateC} --region ap-northeast-1`]),
    },
    {
      name: "endpoint without subnets",
      snapshot: endpointScenario((d) => replaceEndpoint(d, { SubnetIds: [], NetworkInterfaceIds: [] })),
      violations: [{ messageId: "noSubnets", resourceId: ids.kmsEndpoint, key: "no-subnets", severity: "error" }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([`aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${ids.kmsEndpoint} --add-subnet-ids ${ids.privateA} ${ids.privateC} --region ap-northeast-1`]),
    },
  ],
});
