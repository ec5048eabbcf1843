import type { IpPermission } from "@aws-sdk/client-ec2";

/**
 * Whether a security-group rule admits TCP on `port`, from any source.
 * "-1" (and protocol numbers other than tcp/udp/icmp/icmpv6) admit every port (aws-semantics.md §4.2).
 */
export function admitsTcpPort(permission: IpPermission, port: number): boolean {
  const protocol = (permission.IpProtocol ?? "").toLowerCase();
  if (protocol === "-1") return true;
  if (protocol === "tcp" || protocol === "6") {
    const from = permission.FromPort ?? 0;
    const to = permission.ToPort ?? 65535;
    return from <= port && port <= to;
  }
  return !["udp", "17", "icmp", "1", "icmpv6", "58"].includes(protocol) && /^\d+$/.test(protocol);
}

export function hasSource(permission: IpPermission): boolean {
  return (
    (permission.IpRanges?.length ?? 0) > 0 ||
    (permission.Ipv6Ranges?.length ?? 0) > 0 ||
    (permission.PrefixListIds?.length ?? 0) > 0 ||
    (permission.UserIdGroupPairs?.length ?? 0) > 0
  );
}
