import type { RegionIndex } from "../../model/model.js";
import type { LambdaFunction, Snapshot } from "../../snapshot/types.js";
import { awsCapture, awsRun, comment, setVariable, structure, variable, type FixLine, type Word } from "../fix.js";
import { isUnassociated } from "./addresses.js";
import { EIP_QUOTA_CODE, eipQuota } from "./eip-quota.js";
import { listing } from "./text.js";

function regionName(region: RegionIndex | string): string {
  return typeof region === "string" ? region : region.region;
}

/** `aws ec2 <operation> <args> --region <region>`, as fix data. */
export function ec2(region: RegionIndex | string, operation: string, args: readonly Word[]): FixLine {
  return awsRun(regionName(region), "ec2", operation, args);
}

/** Like ec2(), keeping `--query <query>` of the output in a shell variable for the following lines. */
export function ec2Capture(variableName: string, query: string, region: RegionIndex | string, operation: string, args: readonly Word[]): FixLine {
  return awsCapture(variableName, query, regionName(region), "ec2", operation, args);
}

export function functionGroups(fn: LambdaFunction | undefined): string[] {
  return [...(fn?.VpcConfig?.SecurityGroupIds ?? [])];
}

/**
 * Allows HTTPS into `groupId` from the source security groups: one rule per source in one call (--ip-permissions with
 * a list of group pairs) when there are several named groups, else the simple form.
 */
export function allowHttpsFromGroups(region: RegionIndex, groupId: Word, sources: readonly Word[]): FixLine[] {
  const named = sources.filter((s): s is string => typeof s === "string");
  if (sources.length > 1 && named.length === sources.length) {
    const pairs = named.map((source) => `{GroupId=${source}}`).join(",");
    const permissions = structure(
      `IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[${pairs}]`,
      [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, UserIdGroupPairs: named.map((GroupId) => ({ GroupId })) }],
      named,
    );
    return [ec2(region, "authorize-security-group-ingress", ["--group-id", groupId, "--ip-permissions", permissions])];
  }
  return sources.map((source) => ec2(region, "authorize-security-group-ingress", ["--group-id", groupId, "--protocol", "tcp", "--port", "443", "--source-group", source]));
}

/** A new security group for an endpoint of `serviceName`, its id kept in $ENDPOINT_SG. */
export function createEndpointGroup(region: RegionIndex, vpcId: string, serviceName: string): FixLine {
  return ec2Capture("ENDPOINT_SG", "GroupId", region, "create-security-group", [
    "--vpc-id",
    vpcId,
    "--group-name",
    `${serviceName.split(".").pop() ?? "service"}-endpoint`,
    "--description",
    `HTTPS to ${serviceName}`,
  ]);
}

/**
 * What private DNS needs from the VPC: enableDnsSupport and enableDnsHostnames true (AWS refuses a private-DNS
 * endpoint otherwise). Support first: AWS accepts enableDnsHostnames only while support is on.
 */
export function privateDnsPrerequisites(region: RegionIndex, vpcId: string): FixLine[] {
  return [
    ...(region.dnsSupport(vpcId) === true ? [] : [ec2(region, "modify-vpc-attribute", ["--vpc-id", vpcId, "--enable-dns-support", '{"Value":true}'])]),
    ...(region.dnsHostnames(vpcId) === true ? [] : [ec2(region, "modify-vpc-attribute", ["--vpc-id", vpcId, "--enable-dns-hostnames", '{"Value":true}'])]),
  ];
}

/** The commands that give a VPC an interface endpoint for a service, admitting HTTPS from the given groups. */
export function createInterfaceEndpoint(
  region: RegionIndex,
  vpcId: string,
  serviceName: string,
  subnetIds: readonly string[],
  sourceGroups: readonly string[],
): FixLine[] {
  const sg = variable("ENDPOINT_SG");
  return [
    ...privateDnsPrerequisites(region, vpcId),
    createEndpointGroup(region, vpcId, serviceName),
    ...allowHttpsFromGroups(region, sg, sourceGroups),
    ec2(region, "create-vpc-endpoint", [
      "--vpc-id",
      vpcId,
      "--vpc-endpoint-type",
      "Interface",
      "--service-name",
      serviceName,
      "--subnet-ids",
      ...subnetIds,
      "--security-group-ids",
      sg,
      "--private-dns-enabled",
    ]),
  ];
}

/**
 * The Elastic IP for a new public NAT gateway, its allocation id kept in $EIP: a new address while the region's quota
 * has room (with an increase requested first when it takes the last one, so that the next NAT gateway still fits);
 * when it is full, an unassociated address the user picks, or else a quota increase first.
 */
export function natAddress(snapshot: Snapshot, region: RegionIndex): FixLine[] {
  const quota = eipQuota(snapshot, region);
  const allocated = region.addresses.length;
  const allocate = ec2Capture("EIP", "AllocationId", region, "allocate-address", ["--domain", "vpc"]);
  const increase = awsRun(region.region, "service-quotas", "request-service-quota-increase", ["--service-code", "ec2", "--quota-code", EIP_QUOTA_CODE, "--desired-value", String(quota.value + 5)]);
  if (allocated + 1 < quota.value) return [allocate];
  if (allocated < quota.value) {
    return [comment(`this takes the last Elastic IP of the region's quota (${allocated + 1} of ${quota.value}, ${quota.source}): ask for more, so that the next NAT gateway still fits`), increase, allocate];
  }
  const free = region.addresses.filter(isUnassociated).flatMap((a) => (a.AllocationId === undefined ? [] : [`${a.AllocationId} (${a.PublicIp ?? "no public IP"}${nameOf(a.Tags)})`]));
  const full = `the region's Elastic IP quota is full (${allocated} of ${quota.value}, ${quota.source})`;
  if (free.length > 0) {
    return [setVariable("EIP", "", `${full}: the allocation id of an unassociated Elastic IP this NAT gateway may take (${listing(free)}), or request a quota increase and allocate a new one`)];
  }
  return [comment(`${full}: request an increase and wait until it is approved before going on`), increase, allocate];
}

function nameOf(tags: readonly { Key?: string; Value?: string }[] | undefined): string {
  const name = tags?.find((t) => t.Key === "Name")?.Value;
  return name === undefined ? "" : `, Name ${name}`;
}

/** A public NAT gateway in `subnetId` with the address in $EIP (see natAddress), waited for until available; its id kept in $NAT. */
export function createPublicNat(region: RegionIndex, subnetId: Word, address: readonly FixLine[]): FixLine[] {
  return [
    ...address,
    ec2Capture("NAT", "NatGateway.NatGatewayId", region, "create-nat-gateway", ["--subnet-id", subnetId, "--connectivity-type", "public", "--allocation-id", variable("EIP")]),
    ec2(region, "wait", ["nat-gateway-available", "--nat-gateway-ids", variable("NAT")]),
  ];
}
