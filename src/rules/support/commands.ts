import type { RegionIndex } from "../../model/model.js";
import type { LambdaFunction } from "../../snapshot/types.js";

/** An AWS CLI command for the region, e.g. aws("ec2 create-route …", region). */
export function aws(command: string, region: RegionIndex | string): string {
  return `aws ${command} --region ${typeof region === "string" ? region : region.region}`;
}

export function functionGroups(fn: LambdaFunction | undefined): string[] {
  return [...(fn?.VpcConfig?.SecurityGroupIds ?? [])];
}

/** Allows HTTPS into `groupId` from each source security group. */
export function allowHttpsFromGroups(region: RegionIndex, groupId: string, sources: readonly string[]): string[] {
  return sources.map((source) =>
    aws(`ec2 authorize-security-group-ingress --group-id ${groupId} --protocol tcp --port 443 --source-group ${source}`, region),
  );
}

/** The three commands that give a VPC an interface endpoint for a service, admitting HTTPS from the given groups. */
export function createInterfaceEndpoint(
  region: RegionIndex,
  vpcId: string,
  serviceName: string,
  subnetIds: readonly string[],
  sourceGroups: readonly string[],
): string[] {
  const sg = "<endpoint-sg-id from the first command>";
  return [
    aws(`ec2 create-security-group --vpc-id ${vpcId} --group-name ${serviceName.split(".").pop() ?? "service"}-endpoint --description "HTTPS to ${serviceName}"`, region),
    ...allowHttpsFromGroups(region, sg, sourceGroups),
    aws(
      `ec2 create-vpc-endpoint --vpc-id ${vpcId} --vpc-endpoint-type Interface --service-name ${serviceName} --subnet-ids ${subnetIds.join(" ")} --security-group-ids ${sg} --private-dns-enabled`,
      region,
    ),
  ];
}
