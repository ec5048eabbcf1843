import type { IpPermission } from "@aws-sdk/client-ec2";

/** Whether a security-group rule names any source (CIDR, IPv6 CIDR, prefix list or group). */
export function hasSource(permission: IpPermission): boolean {
  return (
    (permission.IpRanges?.length ?? 0) > 0 ||
    (permission.Ipv6Ranges?.length ?? 0) > 0 ||
    (permission.PrefixListIds?.length ?? 0) > 0 ||
    (permission.UserIdGroupPairs?.length ?? 0) > 0
  );
}
