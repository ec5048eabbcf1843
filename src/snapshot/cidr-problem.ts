import ipaddr from "ipaddr.js";
import type { PathSegment } from "./json-path.js";
import type { SnapshotProblem } from "./problem.js";
import type { RegionCalls, Snapshot } from "./types.js";

type Family = "IPv4" | "IPv6" | "either";

/** Where a CIDR field sits below an item: property names, with "[]" for "every element of this array". */
interface CidrField {
  readonly call: keyof RegionCalls;
  /** From the call's data to the field, e.g. ["Vpcs", "[]", "CidrBlockAssociationSet", "[]", "CidrBlock"]. */
  readonly path: readonly string[];
  readonly family: Family;
}

const permissions = (direction: "IpPermissions" | "IpPermissionsEgress"): CidrField[] => [
  { call: "DescribeSecurityGroups", path: ["SecurityGroups", "[]", direction, "[]", "IpRanges", "[]", "CidrIp"], family: "IPv4" },
  { call: "DescribeSecurityGroups", path: ["SecurityGroups", "[]", direction, "[]", "Ipv6Ranges", "[]", "CidrIpv6"], family: "IPv6" },
];

/** Every CIDR the model reads. */
const CIDR_FIELDS: readonly CidrField[] = [
  { call: "DescribeVpcs", path: ["Vpcs", "[]", "CidrBlock"], family: "IPv4" },
  { call: "DescribeVpcs", path: ["Vpcs", "[]", "CidrBlockAssociationSet", "[]", "CidrBlock"], family: "IPv4" },
  { call: "DescribeVpcs", path: ["Vpcs", "[]", "Ipv6CidrBlockAssociationSet", "[]", "Ipv6CidrBlock"], family: "IPv6" },
  { call: "DescribeSubnets", path: ["Subnets", "[]", "CidrBlock"], family: "IPv4" },
  { call: "DescribeSubnets", path: ["Subnets", "[]", "Ipv6CidrBlockAssociationSet", "[]", "Ipv6CidrBlock"], family: "IPv6" },
  { call: "DescribeRouteTables", path: ["RouteTables", "[]", "Routes", "[]", "DestinationCidrBlock"], family: "IPv4" },
  { call: "DescribeRouteTables", path: ["RouteTables", "[]", "Routes", "[]", "DestinationIpv6CidrBlock"], family: "IPv6" },
  ...permissions("IpPermissions"),
  ...permissions("IpPermissionsEgress"),
  { call: "DescribeNetworkAcls", path: ["NetworkAcls", "[]", "Entries", "[]", "CidrBlock"], family: "IPv4" },
  { call: "DescribeNetworkAcls", path: ["NetworkAcls", "[]", "Entries", "[]", "Ipv6CidrBlock"], family: "IPv6" },
  { call: "GetManagedPrefixListEntries", path: ["[]", "Entries", "[]", "Cidr"], family: "either" },
];

const EXAMPLE: Readonly<Record<Family, string>> = {
  IPv4: "an IPv4 CIDR block such as 10.0.0.0/16",
  IPv6: "an IPv6 CIDR block such as 2001:db8::/56",
  either: "a CIDR block such as 10.0.0.0/16 or 2001:db8::/56",
};

function isIpv4Cidr(text: string): boolean {
  const [address, bits, ...rest] = text.split("/");
  return rest.length === 0 && address !== undefined && bits !== undefined && /^\d{1,2}$/.test(bits) && Number(bits) <= 32 && ipaddr.IPv4.isValidFourPartDecimal(address);
}

function isIpv6Cidr(text: string): boolean {
  const [address, bits, ...rest] = text.split("/");
  return rest.length === 0 && address !== undefined && bits !== undefined && /^\d{1,3}$/.test(bits) && Number(bits) <= 128 && !address.includes("%") && ipaddr.IPv6.isValid(address);
}

/** The same few thousand CIDR texts recur across a large account: each is checked once per family. */
const checked: Readonly<Record<Family, Map<string, boolean>>> = { IPv4: new Map(), IPv6: new Map(), either: new Map() };

function isValid(text: string, family: Family): boolean {
  const known = checked[family];
  let valid = known.get(text);
  if (valid === undefined) {
    valid = family === "IPv4" ? isIpv4Cidr(text) : family === "IPv6" ? isIpv6Cidr(text) : text.includes(":") ? isIpv6Cidr(text) : isIpv4Cidr(text);
    if (known.size > 100_000) known.clear();
    known.set(text, valid);
  }
  return valid;
}

/**
 * The first malformed CIDR below `value` along `path` (from step `depth`), as the JSON path to it. `at` is a stack of
 * the segments walked so far, copied only when a problem is found: a large account has hundreds of thousands of CIDRs.
 */
function findBad(value: unknown, path: readonly string[], depth: number, at: PathSegment[], family: Family): SnapshotProblem | undefined {
  if (value === undefined || value === null) return undefined;
  const step = path[depth];
  if (step === undefined) {
    if (typeof value !== "string" || isValid(value, family)) return undefined;
    return { segments: [...at], expected: `expected ${EXAMPLE[family]}, found ${JSON.stringify(value)}` };
  }
  if (step === "[]") {
    if (!Array.isArray(value)) return undefined;
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      const problem = findBad(value[i], path, depth + 1, at, family);
      at.pop();
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value !== "object" || Array.isArray(value)) return undefined;
  at.push(step);
  const problem = findBad((value as Record<string, unknown>)[step], path, depth + 1, at, family);
  at.pop();
  return problem;
}

/** Malformed CIDR blocks of a schema-valid snapshot ("not-a-cidr", "999.0.0.0/99"): an input error, never "no route". */
export function findCidrProblem(snapshot: Snapshot): SnapshotProblem | undefined {
  for (const [account, { regions }] of Object.entries(snapshot.accounts)) {
    for (const [region, { calls }] of Object.entries(regions)) {
      for (const field of CIDR_FIELDS) {
        const record = calls[field.call] as { status: string; data?: unknown } | undefined;
        if (record?.status !== "ok") continue;
        const problem = findBad(record.data, field.path, 0, ["accounts", account, "regions", region, "calls", field.call, "data"], field.family);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}
