import type { IpPermission, SecurityGroup } from "@aws-sdk/client-ec2";
import { allTraffic, tcp, wire } from "../../test/support/build.js";
import type { VpcLayout } from "./network.js";
import type { BuildContext } from "./shared.js";

/** The security groups functions can use, and the endpoints of the VPC. */
export interface VpcSecurity {
  readonly functionGroupIds: readonly string[];
}

function group(ctx: BuildContext, layout: VpcLayout, name: string, ingress: IpPermission[], egress: IpPermission[], groupId = ctx.ids.next("sg")): string {
  const sg: SecurityGroup = {
    GroupId: groupId,
    GroupName: name,
    Description: `${name} (synthetic)`,
    VpcId: layout.vpcId,
    OwnerId: ctx.account,
    IpPermissions: ingress,
    IpPermissionsEgress: egress,
    Tags: [{ Key: "Name", Value: name }],
  };
  ctx.data.securityGroups.push(sg);
  return groupId;
}

function selfReference(groupId: string, account: string): IpPermission {
  return { IpProtocol: "-1", IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: groupId, UserId: account }] };
}

/** Egress of a function group: mostly open, sometimes narrowed the ways teams narrow it (some of which lose KMS). */
function functionEgress(ctx: BuildContext, layout: VpcLayout, dataGroupId: string): IpPermission[] {
  const roll = ctx.random.next();
  const { shared } = ctx;
  if (roll < 0.78) return [allTraffic(), tcp.fromCidr(443, "192.168.0.0/16")];
  if (roll < 0.9) return [tcp.fromCidr(443, "0.0.0.0/0"), tcp.fromGroup(5432, dataGroupId), tcp.fromPrefixList(443, shared.s3PrefixListId)];
  if (roll < 0.95) return [tcp.fromCidr([0, 65535], layout.cidr), tcp.fromPrefixList([0, 65535], shared.corporatePrefixListId)];
  if (roll < 0.98) return [tcp.fromPrefixList(443, shared.partnerPrefixListId), tcp.fromCidr(443, layout.cidr)];
  return [];
}

function functionIngress(ctx: BuildContext, peers: readonly string[]): IpPermission[] {
  const { random } = ctx;
  const rules: IpPermission[] = [];
  for (let i = random.int(5, 25); i > 0; i -= 1) {
    const port = random.pick([22, 443, 8080, 8443, 9000, 3000]);
    const roll = random.next();
    if (roll < 0.4 && peers.length > 0) rules.push(tcp.fromGroup(port, random.pick(peers)));
    else if (roll < 0.9) rules.push(tcp.fromCidr(port, `192.168.${random.int(0, 255)}.0/24`));
    else rules.push(tcp.fromPrefixList(port, ctx.shared.corporatePrefixListId));
  }
  return rules;
}

/** The KMS endpoint's group: admits 443 the ways teams write it, or (fault) not at all. */
function kmsEndpointIngress(ctx: BuildContext, layout: VpcLayout, functionGroupIds: readonly string[]): IpPermission[] {
  if (layout.plan.endpointFault === "sg-without-443") return [tcp.fromCidr(80, layout.cidr)];
  const roll = ctx.random.next();
  if (roll < 0.5) return [tcp.fromCidr(443, layout.cidr)];
  if (roll < 0.93) {
    const admitted = ctx.random.sample(functionGroupIds, Math.max(1, Math.round(functionGroupIds.length * (0.6 + 0.4 * ctx.random.next()))));
    return admitted.map((id) => tcp.fromGroup(443, id));
  }
  return [tcp.fromCidr(443, "10.0.0.0/8")];
}

const FULL_ACCESS = JSON.stringify({ Statement: [{ Action: "*", Effect: "Allow", Principal: "*", Resource: "*" }] });

function kmsPolicy(ctx: BuildContext, layout: VpcLayout): string {
  if (layout.plan.endpointFault === "policy-denies") {
    return JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*" }, { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });
  }
  if (ctx.random.chance(0.2)) {
    return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"], Resource: "*" }] });
  }
  return FULL_ACCESS;
}

function interfaceEndpoint(ctx: BuildContext, layout: VpcLayout, service: string, groupId: string, subnetIds: readonly string[], faults: { privateDns: boolean; state: string; policy: string }): void {
  const endpointId = ctx.ids.next("vpce");
  const name = `com.amazonaws.${layout.plan.region}.${service}`;
  ctx.data.vpcEndpoints.push({
    VpcEndpointId: endpointId,
    VpcEndpointType: "Interface",
    VpcId: layout.vpcId,
    ServiceName: name,
    State: wire(faults.state),
    PolicyDocument: faults.policy,
    RouteTableIds: [],
    SubnetIds: [...subnetIds],
    Groups: [{ GroupId: groupId, GroupName: `${service}-endpoint` }],
    IpAddressType: "ipv4",
    DnsOptions: { DnsRecordIpType: "ipv4" },
    PrivateDnsEnabled: faults.privateDns,
    RequesterManaged: false,
    NetworkInterfaceIds: subnetIds.map(() => ctx.ids.next("eni")),
    DnsEntries: [{ DnsName: `${endpointId}.${service}.${layout.plan.region}.vpce.amazonaws.com`, HostedZoneId: "Z2LGNTR5YXHLQ3" }],
    CreationTimestamp: new Date(Date.UTC(2025, 1, 1 + (layout.plan.index % 250))),
    OwnerId: ctx.account,
    Tags: [],
  });
}

/** Security groups (default, function, data, endpoint) and VPC endpoints of one VPC. */
export function buildSecurity(ctx: BuildContext, layout: VpcLayout): VpcSecurity {
  const { plan } = layout;
  const defaultId = ctx.ids.next("sg");
  ctx.data.securityGroups.push({
    GroupId: defaultId,
    GroupName: "default",
    Description: "default VPC security group",
    VpcId: layout.vpcId,
    OwnerId: ctx.account,
    IpPermissions: [selfReference(defaultId, ctx.account)],
    IpPermissionsEgress: [allTraffic()],
    Tags: [],
  });
  const dataGroupIds = [0, 1, 2].map(() => ctx.ids.next("sg"));
  const functionGroupIds: string[] = [];
  for (let i = 0; i < plan.functionGroups; i += 1) {
    const egress = functionEgress(ctx, layout, ctx.random.pick(dataGroupIds));
    functionGroupIds.push(group(ctx, layout, `app-${plan.index}-${i}`, functionIngress(ctx, functionGroupIds), egress));
  }
  dataGroupIds.forEach((groupId, i) => {
    const ingress = [tcp.fromCidr(5432, layout.cidr), ...ctx.random.sample(functionGroupIds, 3).map((id) => tcp.fromGroup(5432, id))];
    group(ctx, layout, `data-${plan.index}-${i}`, ingress, [allTraffic()], groupId);
  });

  if (plan.kmsEndpoint) {
    const sgId = group(ctx, layout, `kms-endpoint-${plan.index}`, kmsEndpointIngress(ctx, layout, functionGroupIds), [allTraffic()]);
    const subnets = plan.endpointFault === "two-azs-only" ? layout.subnets.endpoint.slice(0, 2) : layout.subnets.endpoint;
    const state = plan.endpointFault === "pending" ? "pendingAcceptance" : ctx.random.pick(["available", "Available"]);
    interfaceEndpoint(ctx, layout, "kms", sgId, subnets, { privateDns: plan.endpointFault !== "private-dns-off", state, policy: kmsPolicy(ctx, layout) });
  }
  if (plan.otherInterfaceEndpoints.length > 0) {
    const sgId = group(ctx, layout, `endpoints-${plan.index}`, [tcp.fromCidr(443, layout.cidr)], [allTraffic()]);
    for (const service of plan.otherInterfaceEndpoints) {
      interfaceEndpoint(ctx, layout, service, sgId, layout.subnets.endpoint, { privateDns: true, state: "available", policy: FULL_ACCESS });
    }
  }
  if (layout.s3EndpointId !== undefined) {
    ctx.data.vpcEndpoints.push({
      VpcEndpointId: layout.s3EndpointId,
      VpcEndpointType: "Gateway",
      VpcId: layout.vpcId,
      ServiceName: `com.amazonaws.${plan.region}.s3`,
      State: wire("available"),
      PolicyDocument: FULL_ACCESS,
      RouteTableIds: [...layout.s3RouteTableIds],
      SubnetIds: [],
      Groups: [],
      PrivateDnsEnabled: false,
      RequesterManaged: false,
      NetworkInterfaceIds: [],
      DnsEntries: [],
      OwnerId: ctx.account,
      Tags: [],
    });
  }
  return { functionGroupIds };
}
