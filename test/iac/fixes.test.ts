import { withTemplateFixes } from "../../src/iac/fixes.js";
import type { Finding } from "../../src/engine/types.js";
import { scanInput } from "./helpers.js";

describe("fixes that name resources the change creates", () => {
  it("become comments pointing at the definition to change; fixes on deployed resources stay commands", async () => {
    const scanned = await scanInput("fixtures/iac/cloudformation/endpoint-sg-no-https.yaml", { region: "ap-northeast-1" });
    const endpoint = scanned.result.findings.find((f) => f.ruleId === "endpoint-sg-no-https") as Finding;
    const deployed: Finding = { ...endpoint, remediation: { ...endpoint.remediation, commands: ["aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0abc --private-dns-enabled --region ap-northeast-1"] } };
    const [fixed, untouched] = withTemplateFixes([endpoint, deployed], scanned.planned.locate);
    expect(fixed?.remediation.commands).toEqual([
      "# sg-[EndpointSecurityGroup] does not exist before this change deploys: make this fix in fixtures/iac/cloudformation/endpoint-sg-no-https.yaml:22 (once deployed, with the AWS CLI and the real id:)",
      "#   aws ec2 authorize-security-group-ingress --group-id 'sg-[EndpointSecurityGroup]' --protocol tcp --port 443 --source-group 'sg-[FunctionSecurityGroup]' --region ap-northeast-1",
    ]);
    expect(fixed?.fingerprint).toBe(endpoint.fingerprint);
    expect(untouched).toBe(deployed);
  });
});
