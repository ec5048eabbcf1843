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
        // The whole new document, inline and quoted: the existing statement kept, one Allow added for the function's role.
        const allow = { Sid: "KmsAuditAllowFunctionRoles", Effect: "Allow", Principal: { AWS: `arn:aws:iam::123456789012:role/${ids.fn}-role` }, Action: "kms:Decrypt", Resource: "*" };
        const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:Encrypt", Resource: "*" }, allow] });
        expect(f!.remediation.commands).toEqual([`aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${ids.kmsEndpoint} --policy-document '${document}' --region ap-northeast-1`]);
        expect(f!.message).toContain("adds a statement allowing kms:Decrypt");
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
      name: "explicit deny of kms:Decrypt: named for review, never overridden",
      snapshot: endpointScenario((d) => replaceEndpoint(d, { PolicyDocument: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }, { Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*" }] }) })),
      violations: [{ messageId: "policyDenies", resourceId: ids.kmsEndpoint, key: "kms", severity: "error" }],
      findings: ([f]) => {
        expect(f!.remediation.commands).toEqual([
          `# ${ids.kmsEndpoint}'s policy denies kms:Decrypt explicitly (statement 2 denies kms:Decrypt to every caller and resource): review that statement; kms-audit prints no command that overrides a Deny`,
        ]);
        expect(f!.message).toContain("An explicit Deny decides it");
      },
    },
  ],
});
