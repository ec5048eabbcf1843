/**
 * The fix checker has teeth: the fixes kms-audit used to print, and the calls AWS refuses, fail it. Each case runs
 * real fix lines through the shell, the stub and the simulator on a fixture, as the checker does for every finding.
 */
import { readFileSync } from "node:fs";
import { scan } from "../../src/engine/scan.js";
import type { Finding } from "../../src/engine/types.js";
import { parseSnapshot } from "../../src/snapshot/load.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { applyFix, checkFinding } from "../support/fix-checker/check.js";
import { evaluateQuery, parseCli, parseStructured } from "../support/fix-checker/cli-args.js";
import { optionsOf } from "../support/fix-checker/simulator.js";

const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const R = `--region ${REGION}`;

function fixture(name: string): Snapshot {
  const file = `fixtures/${name}.snapshot.json`;
  return parseSnapshot(readFileSync(file, "utf8"), file);
}

function run(name: string, lines: readonly string[]): Snapshot {
  return applyFix(fixture(name), lines, ACCOUNT, REGION).after;
}

/** The fixture's finding of `ruleId`, with its commands replaced by `lines`. */
function withCommands(snapshot: Snapshot, ruleId: string, lines: readonly string[]): { finding: Finding; before: ReturnType<typeof scan> } {
  const before = scan(snapshot);
  const finding = before.findings.find((f) => f.ruleId === ruleId)!;
  return { finding: { ...finding, remediation: { ...finding.remediation, commands: lines } }, before };
}

describe("the fixes kms-audit used to print fail the checker", () => {
  it("route-blackhole pointing the NAT's own public route table at the NAT itself: a new error", () => {
    const snapshot = fixture("igw-blackhole-at-nat-subnet");
    const { finding, before } = withCommands(snapshot, "route-blackhole", [`aws ec2 replace-route --route-table-id rtb-0a1b2c3d4e5f60002 --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-0a1b2c3d4e5f60001 ${R}`]);
    expect(() => checkFinding(snapshot, finding, before)).toThrow(/causes new errors:\n {2}nat-path-broken on nat-0a1b2c3d4e5f60001/);
  });

  it("attach-internet-gateway of a gateway attached to another VPC: Resource.AlreadyAssociated", () => {
    expect(() => run("igw-attached-elsewhere", [`aws ec2 attach-internet-gateway --internet-gateway-id igw-0a1b2c3d4e5f60001 --vpc-id vpc-0a1b2c3d4e5f60001 ${R}`])).toThrow(/Resource\.AlreadyAssociated/);
  });

  it("modify-vpc-endpoint --add-subnet-ids on a gateway endpoint: refused", () => {
    expect(() => run("nat-cross-az-other-routes", [`aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1b2c3d4e5f60002 --add-subnet-ids subnet-0a1b2c3d4e5f60c11 ${R}`])).toThrow(/InvalidParameter: --add-subnet-ids is not valid for a Gateway endpoint/);
  });

  it("--reset-policy on an interface endpoint: refused", () => {
    expect(() => run("endpoint-policy-without-decrypt", [`aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1b2c3d4e5f60001 --reset-policy ${R}`])).toThrow(/--reset-policy is not valid for an Interface endpoint/);
  });

  it("--group-id (none): InvalidGroup.NotFound", () => {
    expect(() => run("sg-egress-uncollected-prefix-list", [`aws ec2 authorize-security-group-egress --group-id '(none)' --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]' ${R}`])).toThrow(/InvalidGroup\.NotFound/);
  });

  it("an endpoint policy the user must first write to file://policy.json: not a policy", () => {
    expect(() => run("endpoint-policy-without-decrypt", [`aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1b2c3d4e5f60001 --policy-document file://policy.json ${R}`])).toThrow(/MalformedPolicy/);
  });

  it("an allow numbered in front of a deliberate deny (rule 49 before the /32 deny at 50): refused by kms-audit's own rule", () => {
    expect(() =>
      run("nacl-denies-one-address", [`aws ec2 create-network-acl-entry --network-acl-id acl-0a1b2c3d4e5f60001 --ingress --rule-number 49 --protocol 6 --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow ${R}`]),
    ).toThrow(/KmsAuditPolicy\.AllowBeforeDeny: allow rule 49 would overtake deny rule 50/);
  });

  it("a rule number already taken: NetworkAclEntryAlreadyExists", () => {
    expect(() =>
      run("nacl-partial-ephemeral-return", [`aws ec2 create-network-acl-entry --network-acl-id acl-0a1b2c3d4e5f60002 --ingress --rule-number 100 --protocol 6 --port-range From=32768,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow ${R}`]),
    ).toThrow(/NetworkAclEntryAlreadyExists/);
  });

  it("create-route over an existing default route (the NAT subnet's route back to itself): RouteAlreadyExists", () => {
    expect(() => run("nat-in-private-subnet", [`aws ec2 create-route --route-table-id rtb-0a1b2c3d4e5f60003 --destination-cidr-block 0.0.0.0/0 --gateway-id igw-0a1b2c3d4e5f60001 ${R}`])).toThrow(/RouteAlreadyExists/);
  });

  it("nat-cross-az's fresh route table that dropped the subnet's other routes: routes taken away", () => {
    const snapshot = fixture("nat-cross-az-other-routes");
    const { finding, before } = withCommands(snapshot, "nat-cross-az", [
      `EIP=$(aws ec2 allocate-address --domain vpc ${R} --query AllocationId --output text)`,
      `NAT=$(aws ec2 create-nat-gateway --subnet-id subnet-0a1b2c3d4e5f60c01 --connectivity-type public --allocation-id "$EIP" ${R} --query NatGateway.NatGatewayId --output text)`,
      `ROUTE_TABLE=$(aws ec2 create-route-table --vpc-id vpc-0a1b2c3d4e5f60001 ${R} --query RouteTable.RouteTableId --output text)`,
      `aws ec2 create-route --route-table-id "$ROUTE_TABLE" --destination-cidr-block 0.0.0.0/0 --nat-gateway-id "$NAT" ${R}`,
      `aws ec2 replace-route-table-association --association-id rtbassoc-0764b32fa2c6f12da --route-table-id "$ROUTE_TABLE" ${R}`,
    ]);
    expect(() => checkFinding(snapshot, finding, before)).toThrow(/takes routes away from subnet-0a1b2c3d4e5f60c11: 10\.20\.0\.0\/16, pl-61a54008/);
  });

  it("a new Elastic IP while the quota is full: AddressLimitExceeded", () => {
    expect(() => run("eip-quota-full", [`EIP=$(aws ec2 allocate-address --domain vpc ${R} --query AllocationId --output text)`])).toThrow(/AddressLimitExceeded/);
  });
});

describe("the simulator refuses what AWS refuses", () => {
  it("a second subnet in one AZ for an interface endpoint: DuplicateSubnetsInSameZone", () => {
    expect(() =>
      run("no-path", [`aws ec2 create-vpc-endpoint --vpc-id vpc-0a1b2c3d4e5f60001 --vpc-endpoint-type Interface --service-name com.amazonaws.${REGION}.kms --subnet-ids subnet-0a1b2c3d4e5f60a11 subnet-0a1b2c3d4e5f60a01 --private-dns-enabled ${R}`]),
    ).toThrow(/DuplicateSubnetsInSameZone/);
  });

  it("a second private-DNS endpoint for one service in a VPC: the domain conflicts", () => {
    expect(() =>
      run("endpoint-path-works", [`aws ec2 create-vpc-endpoint --vpc-id vpc-0a1b2c3d4e5f60001 --vpc-endpoint-type Interface --service-name com.amazonaws.${REGION}.kms --subnet-ids subnet-0a1b2c3d4e5f60a11 --private-dns-enabled ${R}`]),
    ).toThrow(/conflicting DNS domain/);
  });

  it("private DNS while the VPC's enableDnsHostnames is off: refused", () => {
    expect(() => run("vpc-dns-hostnames-off", [`aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0a1b2c3d4e5f60001 --private-dns-enabled ${R}`])).toThrow(/requires both enableDnsSupport and enableDnsHostnames/);
  });

  it("both DNS attributes in one modify-vpc-attribute call: refused", () => {
    expect(() => run("vpc-dns-hostnames-off", [`aws ec2 modify-vpc-attribute --vpc-id vpc-0a1b2c3d4e5f60001 --enable-dns-support '{"Value":true}' --enable-dns-hostnames '{"Value":true}' ${R}`])).toThrow(/one attribute per call/);
  });

  it("an option the CLI doesn't have, an unknown command, a missing variable: failures, never skips", () => {
    expect(() => run("no-path", [`aws ec2 create-security-group --vpc vpc-0a1b2c3d4e5f60001 --group-name x --description y ${R}`])).toThrow(/has no option --vpc/);
    expect(() => run("no-path", [`aws ec2 delete-vpc --vpc-id vpc-0a1b2c3d4e5f60001 ${R}`])).toThrow(/does not know "aws ec2 delete-vpc"/);
    expect(() => run("no-path", [`aws ec2 authorize-security-group-ingress --group-id "$NEVER_SET" --protocol tcp --port 443 --cidr 10.0.0.0/16 ${R}`])).toThrow();
  });

  it("ids the stub printed are mapped to the ids the simulator created, through --query", () => {
    const after = run("no-path", [
      `SG=$(aws ec2 create-security-group --vpc-id vpc-0a1b2c3d4e5f60001 --group-name kms-endpoint --description 'HTTPS to kms' ${R} --query GroupId --output text)`,
      `aws ec2 authorize-security-group-ingress --group-id "$SG" --protocol tcp --port 443 --source-group sg-0a1b2c3d4e5f60002 ${R}`,
    ]);
    const record = after.accounts[ACCOUNT]!.regions[REGION]!.calls.DescribeSecurityGroups;
    const groups = record?.status === "ok" ? record.data.SecurityGroups : [];
    expect(groups.find((g) => g.GroupName === "kms-endpoint")?.IpPermissions).toHaveLength(1);
  });
});

describe("the CLI's argument syntax", () => {
  it("reads lists until the next option, flags and the waiter name", () => {
    const call = parseCli(["aws", "ec2", "create-vpc-endpoint", "--vpc-id", "vpc-1", "--subnet-ids", "subnet-a", "subnet-b", "--private-dns-enabled", "--region", "r"], optionsOf);
    expect([...call.options]).toEqual([["--vpc-id", ["vpc-1"]], ["--subnet-ids", ["subnet-a", "subnet-b"]], ["--private-dns-enabled", []], ["--region", ["r"]]]);
    expect(parseCli(["aws", "ec2", "wait", "nat-gateway-available", "--nat-gateway-ids", "nat-1"], optionsOf).positional).toBe("nat-gateway-available");
  });

  it("parses shorthand structures and JSON", () => {
    expect(parseStructured("IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=sg-1}]")).toEqual({ IpProtocol: "tcp", FromPort: "443", ToPort: "443", UserIdGroupPairs: [{ GroupId: "sg-1" }] });
    expect(parseStructured("SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-1")).toEqual({ SubnetIds: ["subnet-a", "subnet-b"], SecurityGroupIds: "sg-1" });
    expect(parseStructured('{"Value":true}')).toEqual({ Value: true });
  });

  it("evaluates dotted --query paths and refuses others", () => {
    expect(evaluateQuery({ NatGateway: { NatGatewayId: "nat-1" } }, "NatGateway.NatGatewayId")).toBe("nat-1");
    expect(evaluateQuery({ VpcEndpoints: [{ LastError: "x" }] }, "VpcEndpoints[0].LastError")).toBe("x");
    expect(() => evaluateQuery({}, "Reservations[*].Instances")).toThrow(/only dotted/);
  });
});
