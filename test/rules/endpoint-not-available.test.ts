import rule from "../../src/rules/endpoint-not-available.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, endpointScenario, ids, replaceEndpoint, S3_GATEWAY, withS3Gateway } from "./scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "available endpoint", snapshot: endpointScenario() },
    { name: "state in SDK casing is still available", snapshot: endpointScenario((d) => replaceEndpoint(d, { State: "Available" })) },
  ],
  invalid: [
    {
      name: "pending endpoint",
      snapshot: endpointScenario((d) => replaceEndpoint(d, { State: b.wire("pending") })),
      violations: [{ messageId: "notAvailable", resourceId: ids.kmsEndpoint, key: "state", severity: "error", data: { state: "pending", service: "com.amazonaws.ap-northeast-1.kms" } }],
      // A pending endpoint becomes available by itself: replacing it would only start over.
      findings: ([f]) => expect(f!.remediation.commands).toEqual([`# ${ids.kmsEndpoint} is pending: AWS is still creating it: wait until describe-vpc-endpoints shows it available`]),
    },
    {
      name: "failed endpoint: replaced with the same service, subnets, groups and private DNS",
      snapshot: endpointScenario((d) => replaceEndpoint(d, { State: b.wire("failed") })),
      violations: [{ messageId: "notAvailable", resourceId: ids.kmsEndpoint, data: { state: "failed" } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${ids.kmsEndpoint} --region ap-northeast-1`,
          `aws ec2 create-vpc-endpoint --vpc-id ${ids.vpc} --vpc-endpoint-type Interface --service-name com.amazonaws.ap-northeast-1.kms --subnet-ids ${ids.privateA} ${ids.privateC} --security-group-ids ${ids.sgEndpoint} --private-dns-enabled --region ap-northeast-1`,
        ]),
    },
    {
      name: "state printed as AWS spells it (pendingAcceptance, not pendingacceptance)",
      snapshot: endpointScenario((d) => replaceEndpoint(d, { State: b.wire("pendingAcceptance") })),
      violations: [{ messageId: "notAvailable", resourceId: ids.kmsEndpoint, data: { kind: "Interface", state: "pendingAcceptance" } }],
      findings: ([f]) => expect(f!.message).toContain("is in state pendingAcceptance, not available"),
    },
    {
      name: "gateway endpoint not available: said so, and re-created as a gateway endpoint on its route tables",
      snapshot: endpointScenario((d) => withS3Gateway(d, [ids.rtbMain], { State: b.wire("failed") })),
      violations: [{ messageId: "notAvailable", resourceId: S3_GATEWAY, key: "state", severity: "error", data: { kind: "Gateway", state: "failed", service: "com.amazonaws.ap-northeast-1.s3" } }],
      findings: ([f]) => {
        expect(f!.message).toMatch(/^Gateway endpoint vpce-0s300000000000001 /);
        expect(f!.remediation.commands.at(-1)).toBe(`aws ec2 create-vpc-endpoint --vpc-id ${ids.vpc} --vpc-endpoint-type Gateway --service-name com.amazonaws.ap-northeast-1.s3 --route-table-ids ${ids.rtbMain} --region ap-northeast-1`);
      },
    },
  ],
});
