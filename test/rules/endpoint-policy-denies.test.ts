import rule from "../../src/rules/endpoint-policy-denies.js";
import { ruleTester } from "../support/rule-tester.js";
import { ACCOUNT, endpointScenario, ids, replaceEndpoint } from "./scenarios.js";

function policy(statement: object): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
}

ruleTester.run(rule, {
  valid: [
    { name: "default full-access policy", snapshot: endpointScenario() },
    { name: "policy allowing kms:Decrypt", snapshot: endpointScenario((d) => replaceEndpoint(d, { PolicyDocument: policy({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }) })) },
    {
      name: "policy allowing kms:Decrypt from the endpoint's own VPC only",
      snapshot: endpointScenario((d) =>
        replaceEndpoint(d, { PolicyDocument: policy({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:SourceVpc": ids.vpc } } }) }),
      ),
    },
  ],
  invalid: [
    {
      name: "policy allowing only kms:Encrypt",
      snapshot: endpointScenario((d) => replaceEndpoint(d, { PolicyDocument: policy({ Effect: "Allow", Principal: "*", Action: "kms:Encrypt", Resource: "*" }) })),
      violations: [{ messageId: "policyDenies", resourceId: ids.kmsEndpoint, key: "kms", severity: "error" }],
      findings: ([f]) => {
        expect(f!.message).toContain("kms:Decrypt");
        expect(f!.remediation.commands).toEqual([
          "# save the policy to policy.json, add a statement allowing the call for the function's role, then apply it:",
          `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${ids.kmsEndpoint} --query 'VpcEndpoints[0].PolicyDocument' --output text --region ap-northeast-1`,
          `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${ids.kmsEndpoint} --policy-document file://policy.json --region ap-northeast-1`,
        ]);
      },
    },
    {
      // Issue 10 §4: a note ("may not allow") before; AWS denies the role's sessions (IAM guide, NotPrincipal).
      name: "Deny with NotPrincipal naming another role: the function's role is denied, an error",
      snapshot: endpointScenario((d) =>
        replaceEndpoint(d, {
          PolicyDocument: JSON.stringify({
            Statement: [
              { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" },
              { Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/key-admin`, `arn:aws:iam::${ACCOUNT}:root`] }, Action: "kms:*", Resource: "*" },
            ],
          }),
        }),
      ),
      violations: [{ messageId: "policyDenies", resourceId: ids.kmsEndpoint, key: "kms", severity: "error" }],
      findings: ([f]) => expect(f!.message).toContain("to every principal its NotPrincipal does not list"),
    },
    {
      name: "explicit deny of kms:Decrypt",
      snapshot: endpointScenario((d) => replaceEndpoint(d, { PolicyDocument: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }, { Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*" }] }) })),
      violations: [{ messageId: "policyDenies", resourceId: ids.kmsEndpoint, key: "kms" }],
    },
  ],
});
