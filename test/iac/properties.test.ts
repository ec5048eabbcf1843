import fc from "fast-check";
import { buildModel } from "../../src/model/index.js";
import { readTemplate } from "../../src/iac/cloudformation/read-template.js";
import { readStack } from "../../src/iac/cloudformation/stack.js";
import { PlannedNetwork } from "../../src/iac/planned.js";
import { assembleRegion } from "../../src/iac/assemble.js";
import type { Snapshot } from "../../src/snapshot/types.js";

const TYPES = [
  "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation",
  "AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::EIP", "AWS::EC2::NatGateway", "AWS::EC2::VPCEndpoint",
  "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::EC2::NetworkAcl",
  "AWS::EC2::NetworkAclEntry", "AWS::EC2::SubnetNetworkAclAssociation", "AWS::EC2::DHCPOptions", "AWS::EC2::VPCDHCPOptionsAssociation",
  "AWS::Lambda::Function", "AWS::Serverless::Function",
];
const NAMES = ["A", "B", "C", "D"];

/** Property values mixing plain JSON with intrinsic calls on the template's own names. */
const { any: value } = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(...NAMES).map((n) => ({ Ref: n })),
    fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom("Arn", "GroupId", "CidrBlock", "DefaultSecurityGroup", "AllocationId", "X")).map(([n, a]) => ({ "Fn::GetAtt": [n, a] })),
    tie("any").map((v) => ({ "Fn::Select": [0, v] })),
    fc.array(tie("any"), { maxLength: 3 }).map((items) => ({ "Fn::Join": [",", items] })),
    fc.dictionary(fc.constantFrom("VpcId", "SubnetIds", "CidrBlock", "SecurityGroupIds", "IpProtocol", "FromPort", "ToPort", "CidrIp", "PrivateDnsEnabled", "VpcConfig", "Environment", "RouteTableId", "NatGatewayId", "GatewayId", "DestinationCidrBlock", "RuleNumber", "PortRange", "ServiceName"), tie("any"), { maxKeys: 5 }),
  ),
}));

describe("reading templates", () => {
  it("never throws on any property values (every value either read, unknown or left out), and the model never throws on the result", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...TYPES), value), { maxLength: 6 }), (resources) => {
        const body = { Resources: Object.fromEntries(resources.map(([name, type, properties]) => [name, { Type: type, Properties: properties }])) };
        const network = new PlannedNetwork();
        readStack(readTemplate(JSON.stringify(body), "t.json"), network, { region: "ap-northeast-1", account: "123456789012", parameters: new Map() });
        const snapshot: Snapshot = { format: "kms-audit/snapshot", version: 1, accounts: { "123456789012": { regions: { "ap-northeast-1": { calls: assembleRegion(network, undefined) } } } } };
        buildModel(snapshot);
      }),
      { numRuns: 300 },
    );
  });
});
