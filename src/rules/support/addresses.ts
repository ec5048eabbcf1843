import type { Address } from "@aws-sdk/client-ec2";

/** An Elastic IP attached to nothing: no association, network interface or instance. */
export function isUnassociated(address: Address): boolean {
  return !address.AssociationId && !address.NetworkInterfaceId && !address.InstanceId;
}
