import fc from "fast-check";
import { shellQuote } from "../../src/text/shell.js";
import { awsCapture, awsRun, comment, join, renderFix, setVariable, structure, variable } from "../../src/rules/fix.js";
import { allowHttpsFromGroups } from "../../src/rules/support/commands.js";
import type { RegionIndex } from "../../src/model/model.js";
import { shellWords } from "../support/shell-words.js";

const SHELLS = ["sh", "bash"];

describe("shellQuote", () => {
  it("leaves plain ids and AWS CLI shorthand as they are", () => {
    expect(shellQuote("vpc-0a1b2c3d4e5f60001")).toBe("vpc-0a1b2c3d4e5f60001");
    expect(shellQuote("From=443,To=443")).toBe("From=443,To=443");
    expect(shellQuote("arn:aws:iam::123456789012:role/app")).toBe("arn:aws:iam::123456789012:role/app");
  });

  it("single-quotes anything a shell would interpret", () => {
    expect(shellQuote("vpc-1$(touch x)")).toBe("'vpc-1$(touch x)'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("=cmd")).toBe("'=cmd'");
    expect(shellQuote('{"Value":true}')).toBe(`'{"Value":true}'`);
  });

  it.each(SHELLS)("gives %s exactly one argument per value, whatever it holds", (shell) => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 20 }).map((s) => s.replace(/\0/g, "")), { minLength: 1, maxLength: 6 }), (values) => {
        const line = ["aws", ...values].map(shellQuote).join(" ");
        expect(shellWords([line], shell)).toEqual([["aws", ...values]]);
      }),
      { numRuns: 60 },
    );
  });

  it("shows a NUL byte as text instead of cutting the argument short", () => {
    expect(shellWords([`aws ${shellQuote("a\0b")}`])).toEqual([["aws", "a\\x00b"]]);
  });

  it("does not run a command substitution or split on a newline", () => {
    const hostile = "vpc-1$(echo INJECTED >&2)\naws ec2 delete-vpc";
    const lines = renderFix([awsRun("ap-northeast-1", "ec2", "describe-vpcs", ["--vpc-ids", hostile])]);
    expect(shellWords(lines, "bash")).toEqual([["aws", "ec2", "describe-vpcs", "--vpc-ids", hostile, "--region", "ap-northeast-1"]]);
  });
});

describe("renderFix", () => {
  it("captures a created id in a variable and passes it on quoted", () => {
    const lines = renderFix([
      comment("an endpoint security group"),
      awsCapture("SG", "GroupId", "ap-northeast-1", "ec2", "create-security-group", ["--vpc-id", "vpc-1", "--group-name", "kms-endpoint", "--description", "HTTPS to kms"]),
      awsRun("ap-northeast-1", "ec2", "authorize-security-group-ingress", ["--group-id", variable("SG"), "--protocol", "tcp", "--port", "443"]),
    ]);
    expect(lines).toEqual([
      "# an endpoint security group",
      "SG=$(aws ec2 create-security-group --vpc-id vpc-1 --group-name kms-endpoint --description 'HTTPS to kms' --region ap-northeast-1 --query GroupId --output text)",
      'aws ec2 authorize-security-group-ingress --group-id "$SG" --protocol tcp --port 443 --region ap-northeast-1',
    ]);
  });

  it.each(SHELLS)("runs in %s as printed: the captured value reaches the next command", (shell) => {
    const lines = renderFix([
      setVariable("RULE", "110", "a free rule number after rule 100"),
      awsCapture("SG", "GroupId", "r", "ec2", "create-security-group", ["--description", "a b"]),
      awsRun("r", "ec2", "create-network-acl-entry", ["--rule-number", variable("RULE"), "--group-id", variable("SG")]),
    ]);
    const words = shellWords(lines, shell);
    expect(words[0]).toEqual(["aws", "ec2", "create-security-group", "--description", "a b", "--region", "r", "--query", "GroupId", "--output", "text"]);
    expect(words[1]).toEqual(["aws", "ec2", "create-network-acl-entry", "--rule-number", "110", "--group-id", "captured-1", "--region", "r"]);
  });

  it.each(SHELLS)("joins literal text and a variable into one word in %s", (shell) => {
    const lines = renderFix([setVariable("SUBNETS", "subnet-a,subnet-b", "subnets"), awsRun("r", "lambda", "update-function-configuration", ["--vpc-config", join("SubnetIds=", variable("SUBNETS"), ",SecurityGroupIds=sg-1 'x'")])]);
    expect(lines[2]).toBe(`aws lambda update-function-configuration --vpc-config 'SubnetIds='"$SUBNETS"',SecurityGroupIds=sg-1 '\\''x'\\''' --region r`);
    expect(shellWords(lines, shell)).toEqual([["aws", "lambda", "update-function-configuration", "--vpc-config", "SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-1 'x'", "--region", "r"]]);
  });

  it("keeps hostile text in comments on one line", () => {
    expect(renderFix([comment("sg-1\nrm -rf /"), setVariable("X", "1", "why\r\nrm")])).toEqual(["# sg-1\\x0arm -rf /", "# why\\x0d\\x0arm", "X=1"]);
  });

  it("refuses a variable name that is not one", () => {
    expect(() => renderFix([awsRun("r", "ec2", "x", [variable("a;b")])])).toThrow(/not a shell variable name/);
  });
});

describe("structure: AWS CLI arguments with values from the data", () => {
  it("keeps the shorthand when every value is a plain word", () => {
    expect(structure("VPCRegion=eu-west-1,VPCId=vpc-1", { VPCRegion: "eu-west-1", VPCId: "vpc-1" }, ["eu-west-1", "vpc-1"])).toBe("VPCRegion=eu-west-1,VPCId=vpc-1");
    expect(structure("IpRanges=[{CidrIp=0.0.0.0/0}]", { IpRanges: [{ CidrIp: "0.0.0.0/0" }] }, ["0.0.0.0/0"])).toBe("IpRanges=[{CidrIp=0.0.0.0/0}]");
  });

  it("writes JSON when a value holds what the shorthand reads as syntax", () => {
    const json = { SubnetIds: ["subnet-1,SecurityGroupIds=sg-evil"] };
    expect(structure("SubnetIds=subnet-1,SecurityGroupIds=sg-evil", json, json.SubnetIds)).toBe(JSON.stringify(json));
  });

  it.each(SHELLS)("a hostile group id reaches the AWS CLI as one JSON word holding exactly the intended permission (%s)", (shell) => {
    const hostile = "sg-2}],IpRanges=[{CidrIp=0.0.0.0/0";
    const [line] = allowHttpsFromGroups({ region: "r" } as RegionIndex, "sg-target", ["sg-1", hostile]);
    const words = shellWords(renderFix([line!]), shell)[0]!;
    const permissions = words[words.indexOf("--ip-permissions") + 1]!;
    expect(JSON.parse(permissions)).toEqual([{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: "sg-1" }, { GroupId: hostile }] }]);
  });
});
