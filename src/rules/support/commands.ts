import type { RegionIndex } from "../../model/model.js";
import type { LambdaFunction } from "../../snapshot/types.js";
import { awsCapture, awsRun, variable, type FixLine, type Word } from "../fix.js";

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

/** Allows HTTPS into `groupId` from each source security group. */
export function allowHttpsFromGroups(region: RegionIndex, groupId: Word, sources: readonly Word[]): FixLine[] {
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

/** An Elastic IP and a public NAT gateway in `subnetId`, waited for until available; its id kept in $NAT. */
export function createPublicNat(region: RegionIndex, subnetId: Word): FixLine[] {
  return [
    ec2Capture("EIP", "AllocationId", region, "allocate-address", ["--domain", "vpc"]),
    ec2Capture("NAT", "NatGateway.NatGatewayId", region, "create-nat-gateway", ["--subnet-id", subnetId, "--connectivity-type", "public", "--allocation-id", variable("EIP")]),
    ec2(region, "wait", ["nat-gateway-available", "--nat-gateway-ids", variable("NAT")]),
  ];
}
