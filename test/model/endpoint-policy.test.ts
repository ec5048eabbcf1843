import { evaluateEndpointPolicy } from "../../src/model/index.js";
import { ACCOUNT, ids, scenario, withKmsEndpoint } from "../support/build.js";
import { pathOf, summary } from "./helpers.js";

const role = `arn:aws:iam::${ACCOUNT}:role/decrypt-orders-role`;
const request = { action: "kms:Decrypt", roleArn: role, account: ACCOUNT };
const policy = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (p: object = {}) => ({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", ...p });

describe("evaluateEndpointPolicy", () => {
  it("no policy means full access", () => {
    expect(evaluateEndpointPolicy(undefined, request).result).toBe("allow");
  });

  it.each([["*"], ["kms:*"], ["kms:Decr*"], ["KMS:decrypt"], [["kms:Encrypt", "kms:Decrypt"]]])("Action %j allows kms:Decrypt", (Action) => {
    expect(evaluateEndpointPolicy(policy(allow({ Action })), request).result).toBe("allow");
  });

  it.each([[{ AWS: "*" }], [{ AWS: role }], [{ AWS: `arn:aws:iam::${ACCOUNT}:root` }], [{ AWS: ACCOUNT }]])("Principal %j matches the function's role", (Principal) => {
    expect(evaluateEndpointPolicy(policy(allow({ Principal })), request).result).toBe("allow");
  });

  it("an allow for another action, principal or service denies implicitly", () => {
    expect(evaluateEndpointPolicy(policy(allow({ Action: "kms:Encrypt" })), request)).toEqual({ result: "deny", reason: "no statement allows kms:Decrypt for the function's role" });
    expect(evaluateEndpointPolicy(policy(allow({ Principal: { AWS: "arn:aws:iam::999999999999:root" } })), request).result).toBe("deny");
    expect(evaluateEndpointPolicy(policy(allow({ Principal: { Service: "lambda.amazonaws.com" } })), request).result).toBe("deny");
  });

  it("Resource wildcards covering every key allow; a specific key is uncertain", () => {
    expect(evaluateEndpointPolicy(policy(allow({ Resource: "arn:aws:kms:*" })), request).result).toBe("allow");
    expect(evaluateEndpointPolicy(policy(allow({ Resource: "arn:aws:kms:*:*:*" })), request).result).toBe("allow");
    expect(evaluateEndpointPolicy(policy(allow({ Resource: `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/abc` })), request).result).toBe("uncertain");
  });

  it("an unconditional explicit Deny wins over an Allow", () => {
    const doc = policy(allow(), { Sid: "NoDecrypt", Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*" });
    expect(evaluateEndpointPolicy(doc, request)).toEqual({ result: "deny", reason: `statement "NoDecrypt" denies kms:Decrypt to every caller and resource` });
  });

  it("conditions the snapshot can't decide, NotPrincipal with Allow, specific NotResource are uncertain", () => {
    expect(evaluateEndpointPolicy(policy(allow(), { Effect: "Deny", Principal: "*", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }), request).result).toBe("uncertain");
    expect(evaluateEndpointPolicy(policy({ Effect: "Allow", NotPrincipal: { AWS: "x" }, Action: "*", Resource: "*" }), request).result).toBe("uncertain");
    expect(evaluateEndpointPolicy(policy({ Effect: "Allow", Principal: "*", Action: "*", NotResource: `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/abc` }), request)).toEqual({
      result: "uncertain",
      reason: "statement 1 (Allow) may apply: its NotResource excludes specific resources, and which resource the function calls is not in the snapshot",
    });
    expect(evaluateEndpointPolicy(policy(allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })), request)).toEqual({
      result: "uncertain",
      reason: "statement 1 (Allow) may apply: its condition StringEquals on aws:PrincipalOrgID (the organization id is not in the snapshot)",
    });
  });

  // Issue 10 §4: these were all "uncertain" before; the snapshot decides them.
  it("NotAction applies to every action it does not list", () => {
    expect(evaluateEndpointPolicy(policy({ Effect: "Allow", Principal: "*", NotAction: "kms:Encrypt", Resource: "*" }), request).result).toBe("allow");
    expect(evaluateEndpointPolicy(policy({ Effect: "Allow", Principal: "*", NotAction: "kms:Decrypt", Resource: "*" }), request).result).toBe("deny");
    expect(evaluateEndpointPolicy(policy(allow(), { Effect: "Deny", Principal: "*", NotAction: ["kms:Describe*", "kms:List*"], Resource: "*" }), request).result).toBe("deny");
  });

  it("NotResource covering every resource of the service makes the statement apply to none", () => {
    expect(evaluateEndpointPolicy(policy(allow(), { Effect: "Deny", Principal: "*", Action: "*", NotResource: "arn:aws:kms:*" }), request).result).toBe("allow");
  });

  describe("NotPrincipal (Deny)", () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/decrypt-orders-role/decrypt-orders`;
    const denyAllBut = (...AWS: string[]) => policy(allow(), { Sid: "OnlyAuditor", Effect: "Deny", NotPrincipal: { AWS }, Action: "kms:*", Resource: "*" });

    it("naming another role denies the function's role", () => {
      expect(evaluateEndpointPolicy(denyAllBut(`arn:aws:iam::${ACCOUNT}:role/auditor`, `arn:aws:iam::${ACCOUNT}:root`), request)).toEqual({
        result: "deny",
        reason: `statement "OnlyAuditor" denies kms:Decrypt to every principal its NotPrincipal does not list, and the function's role session is not listed`,
      });
    });

    it("naming only the function's role ARN (and account) still denies its sessions, which the calls carry", () => {
      expect(evaluateEndpointPolicy(denyAllBut(role, `arn:aws:iam::${ACCOUNT}:root`), request).result).toBe("deny");
    });

    it("naming a session of the function's role is uncertain (Lambda's session name is not in the snapshot)", () => {
      expect(evaluateEndpointPolicy(denyAllBut(session, role, `arn:aws:iam::${ACCOUNT}:root`), request).result).toBe("uncertain");
    });

    it("NotPrincipal * exempts everyone; a role under a path is matched by its name", () => {
      expect(evaluateEndpointPolicy(denyAllBut("*"), request).result).toBe("allow");
      const pathRole = { ...request, roleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/decrypt-orders-role` };
      expect(evaluateEndpointPolicy(denyAllBut(session, pathRole.roleArn), pathRole).result).toBe("uncertain");
    });
  });

  describe("conditions the snapshot decides", () => {
    const through = { ...request, vpcId: "vpc-0a1b2c3d4e5f60001", endpointId: "vpce-0a1b2c3d4e5f60001" };
    const decide = (Condition: object, effect: "Allow" | "Deny" = "Allow") =>
      evaluateEndpointPolicy(effect === "Allow" ? policy(allow({ Condition })) : policy(allow(), { Effect: "Deny", Principal: "*", Action: "*", Resource: "*", Condition }), through).result;

    it.each([
      [{ StringEquals: { "aws:SourceVpc": "vpc-0a1b2c3d4e5f60001" } }, "allow"],
      [{ StringEquals: { "aws:sourcevpc": ["vpc-other", "vpc-0a1b2c3d4e5f60001"] } }, "allow"],
      [{ StringEquals: { "aws:SourceVpc": "vpc-other" } }, "deny"],
      [{ StringEqualsIfExists: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60001" } }, "allow"],
      [{ StringLike: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f6000?" } }, "allow"],
      [{ StringNotEquals: { "aws:SourceVpc": "vpc-0a1b2c3d4e5f60001" } }, "deny"],
      [{ StringEqualsIgnoreCase: { "aws:SourceVpc": "VPC-0A1B2C3D4E5F60001" } }, "allow"],
      [{ ArnEquals: { "aws:PrincipalArn": role } }, "allow"],
      [{ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/decrypt-*` } }, "allow"],
      [{ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::*:role/other-*` } }, "deny"],
      [{ StringEquals: { "aws:PrincipalAccount": ACCOUNT } }, "allow"],
      [{ "ForAnyValue:StringEquals": { "aws:PrincipalAccount": [ACCOUNT, "999999999999"] } }, "allow"],
      [{ "ForAllValues:StringLike": { "aws:SourceVpc": "vpc-*" } }, "allow"],
      [{ Null: { "aws:SourceVpce": "false" } }, "allow"],
      [{ StringEquals: { "aws:SourceVpc": "vpc-0a1b2c3d4e5f60001", "aws:PrincipalAccount": "999999999999" } }, "deny"],
    ])("Allow with %j: %s", (condition, expected) => {
      expect(decide(condition)).toBe(expected);
    });

    it.each([
      [{ StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60001" } }, "allow"],
      [{ StringNotEquals: { "aws:SourceVpce": "vpce-other" } }, "deny"],
      [{ ArnNotLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/decrypt-*` } }, "allow"],
      [{ StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } }, "uncertain"],
      [{ NumericLessThan: { "aws:SourceVpc": "1" } }, "uncertain"],
    ])("Deny with %j: %s", (condition, expected) => {
      expect(decide(condition, "Deny")).toBe(expected);
    });

    it("aws:PrincipalOrgID is decided when the organization id is known", () => {
      const doc = policy(allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }));
      expect(evaluateEndpointPolicy(doc, { ...through, organizationId: "o-abc" }).result).toBe("allow");
      expect(evaluateEndpointPolicy(doc, { ...through, organizationId: "o-xyz" }).result).toBe("deny");
    });

    it("an ARN wildcard does not cross a colon", () => {
      expect(decide({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*" } })).toBe("deny");
      expect(decide({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" } })).toBe("allow");
    });
  });

  it("a document that is not JSON is uncertain", () => {
    expect(evaluateEndpointPolicy("{not json", request)).toEqual({ result: "uncertain", reason: "the policy document is not valid JSON" });
  });
});

describe("endpoint policy on the endpoint path", () => {
  it("a denying policy blocks with ENDPOINT_POLICY_DENIES", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, PolicyDocument: policy(allow({ Action: "kms:Encrypt" })) };
    const path = pathOf(d);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual([`fail ENDPOINT_POLICY_DENIES ${ids.kmsEndpoint}`]);
    expect(path.blocking[0]!.component.type).toBe("endpoint-policy");
  });

  it("a policy limited to the endpoint's own VPC allows; one limited to another VPC denies", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, PolicyDocument: policy(allow({ Condition: { StringEquals: { "aws:SourceVpc": ids.vpc } } })) };
    expect(pathOf(d).verdict).toBe("reachable-via-endpoint");
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, PolicyDocument: policy(allow({ Condition: { StringEquals: { "aws:SourceVpc": "vpc-0other" } } })) };
    expect(summary(pathOf(d).blocking)).toEqual([`fail ENDPOINT_POLICY_DENIES ${ids.kmsEndpoint}`]);
  });

  it("a conditional policy leaves the path unverifiable", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, PolicyDocument: policy(allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } })) };
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`unknown ENDPOINT_POLICY_UNCERTAIN ${ids.kmsEndpoint}`]);
  });
});
