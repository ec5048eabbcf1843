import type { RegionIndex } from "../../model/model.js";

function isDefaultToIgw(region: RegionIndex, subnetId: string): boolean {
  return (region.routeTableFor(subnetId)?.Routes ?? []).some(
    (r) => r.DestinationCidrBlock === "0.0.0.0/0" && (r.GatewayId ?? "").startsWith("igw-") && r.State !== "blackhole",
  );
}

/** A subnet of the VPC in the AZ whose default route goes to an internet gateway: where a public NAT gateway belongs. */
export function publicSubnetIn(region: RegionIndex, vpcId: string, az: string | undefined): string | undefined {
  return [...region.subnets.values()]
    .filter((s) => s.VpcId === vpcId && s.AvailabilityZone === az && s.SubnetId !== undefined && isDefaultToIgw(region, s.SubnetId))
    .map((s) => s.SubnetId!)
    .sort()[0];
}

export function attachedInternetGateway(region: RegionIndex, vpcId: string): string | undefined {
  return [...region.internetGateways.values()]
    .filter((igw) => (igw.Attachments ?? []).some((a) => a.VpcId === vpcId && String(a.State).toLowerCase() === "available"))
    .map((igw) => igw.InternetGatewayId ?? "")
    .sort()[0];
}

export function natAz(region: RegionIndex, natId: string): string | undefined {
  const subnetId = region.natGateways.get(natId)?.SubnetId;
  return subnetId ? region.subnets.get(subnetId)?.AvailabilityZone : undefined;
}
