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

describe("reading Terraform plans", () => {
  const TF_TYPES = [
    "aws_vpc", "aws_subnet", "aws_route_table", "aws_default_route_table", "aws_route", "aws_route_table_association", "aws_internet_gateway",
    "aws_eip", "aws_nat_gateway", "aws_vpc_endpoint", "aws_security_group", "aws_default_security_group", "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule", "aws_network_acl", "aws_network_acl_rule", "aws_vpc_dhcp_options", "aws_lambda_function",
  ];
  const attributes = fc.dictionary(
    fc.constantFrom("id", "vpc_id", "cidr_block", "subnet_ids", "subnet_id", "route", "ingress", "egress", "route_table_id", "nat_gateway_id", "vpc_config", "environment", "security_group_id", "from_port", "protocol", "private_dns_enabled", "service_name"),
    fc.jsonValue({ maxDepth: 3 }),
    { maxKeys: 6 },
  );
  const unknowns = fc.dictionary(fc.constantFrom("id", "vpc_id", "cidr_block", "subnet_ids", "route", "vpc_config"), fc.oneof(fc.constant(true), fc.array(fc.constant(true), { maxLength: 2 }), fc.constant([{ nat_gateway_id: true }])), { maxKeys: 3 });
  const references = fc.array(fc.constantFrom("aws_vpc.a", "aws_vpc.a.id", "aws_subnet.b[0].id", "count.index", "each.value", "module.m.out", "var.x"), { maxLength: 3 });

  it("never throws on odd plans: every value is read, unknown or left out", async () => {
    const { readTerraformPlan } = await import("../../src/iac/terraform/index.js");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...TF_TYPES), fc.constantFrom("a", "b"), attributes, unknowns, references, fc.constantFrom("create", "update", "delete", "no-op")), { maxLength: 5 }), async (resources) => {
        const plan = {
          format_version: "1.2",
          planned_values: { root_module: { resources: resources.map(([type, name, values]) => ({ address: `${type}.${name}`, mode: "managed", type, name, values })) } },
          resource_changes: resources.map(([type, name, values, after_unknown, , action]) => ({ address: `${type}.${name}`, mode: "managed", type, name, change: { actions: [action], before: values, after: values, after_unknown } })),
          configuration: { root_module: { resources: resources.map(([type, name, , , refs]) => ({ address: `${type}.${name}`, expressions: { vpc_id: { references: refs }, route: { references: refs }, subnet_ids: { references: refs } } })) } },
        };
        const input = await readTerraformPlan("plan.json", plan, { region: "ap-northeast-1", tfDir: "/nonexistent" });
        const network = input.parts[0]!.network;
        const snapshot: Snapshot = { format: "kms-audit/snapshot", version: 1, accounts: { a: { regions: { "ap-northeast-1": { calls: assembleRegion(network, undefined) } } } } };
        buildModel(snapshot);
      }),
      { numRuns: 300 },
    );
  });
});
