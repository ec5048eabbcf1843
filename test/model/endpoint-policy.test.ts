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

  it("conditions and Not* elements are uncertain", () => {
    expect(evaluateEndpointPolicy(policy(allow({ Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } })), request).result).toBe("uncertain");
    expect(evaluateEndpointPolicy(policy(allow(), { Effect: "Deny", Principal: "*", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }), request).result).toBe("uncertain");
    expect(evaluateEndpointPolicy(policy({ Effect: "Allow", NotPrincipal: { AWS: "x" }, Action: "*", Resource: "*" }), request).result).toBe("uncertain");
    expect(evaluateEndpointPolicy(policy({ Effect: "Allow", Principal: "*", NotAction: "kms:Encrypt", Resource: "*" }), request).result).toBe("uncertain");
    expect(evaluateEndpointPolicy(policy({ Effect: "Allow", Principal: "*", NotAction: "kms:Decrypt", Resource: "*" }), request).result).toBe("deny");
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

  it("a conditional policy leaves the path unverifiable", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, PolicyDocument: policy(allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } })) };
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`unknown ENDPOINT_POLICY_UNCERTAIN ${ids.kmsEndpoint}`]);
  });
});
