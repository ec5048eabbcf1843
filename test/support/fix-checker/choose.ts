import type { Snapshot } from "../../../src/snapshot/types.js";
import type { RegionIndex } from "../../../src/model/model.js";
import { buildRegionIndex } from "../../../src/model/region-index.js";
import { isUnassociated } from "../../../src/rules/support/addresses.js";
import { publicSubnetIn } from "../../../src/rules/support/resources.js";
import { shellQuote } from "../../../src/text/shell.js";

/**
 * A user answering a fix's `VAR=''` line: the choice its comment asks for, taken from the snapshot the way a careful
 * user would. A variable the checker can't answer fails the check: the fix then asks for something the account lacks.
 */
type Chooser = (comment: string, region: RegionIndex) => string | undefined;

function vpcIn(comment: string): string | undefined {
  return /\bvpc-[0-9a-z]+/.exec(comment)?.[0];
}

function azIn(comment: string, region: RegionIndex): string | undefined {
  const azs = new Set([...region.subnets.values()].flatMap((s) => s.AvailabilityZone ?? []));
  return [...azs].find((az) => new RegExp(`\\b${az}\\b`).test(comment));
}

const CHOOSERS: Readonly<Record<string, Chooser>> = {
  // "a public subnet of vpc-x in az": that AZ's, else any AZ's.
  PUBLIC_SUBNET: (comment, region) => {
    const vpc = vpcIn(comment);
    if (vpc === undefined) return undefined;
    const az = azIn(comment, region);
    const azs = [az, ...new Set([...region.subnets.values()].flatMap((s) => s.AvailabilityZone ?? []))];
    for (const candidate of azs) {
      const subnet = publicSubnetIn(region, vpc, candidate);
      if (subnet !== undefined) return subnet;
    }
    return undefined;
  },
  // "the allocation id of an unassociated Elastic IP this NAT gateway may take (eipalloc-a (...), ...)": the first named.
  EIP: (comment, region) => {
    const named = [...comment.matchAll(/\beipalloc-[0-9a-z]+/g)].map((m) => m[0]);
    return named.find((id) => region.addresses.some((a) => a.AllocationId === id && isUnassociated(a)));
  },
  // "private subnets of vpc-x (comma-separated, one per AZ) ...": the VPC's subnets that don't route to an internet gateway.
  SUBNETS: (comment, region) => {
    const vpc = vpcIn(comment);
    const byAz = new Map<string, string>();
    for (const subnet of [...region.subnets.values()].sort((a, b) => ((a.SubnetId ?? "") < (b.SubnetId ?? "") ? -1 : 1))) {
      if (subnet.VpcId !== vpc || subnet.SubnetId === undefined) continue;
      const isPublic = (region.routeTableFor(subnet.SubnetId)?.Routes ?? []).some((r) => r.DestinationCidrBlock === "0.0.0.0/0" && (r.GatewayId ?? "").startsWith("igw-"));
      if (!isPublic && !byAz.has(subnet.AvailabilityZone ?? "")) byAz.set(subnet.AvailabilityZone ?? "", subnet.SubnetId);
    }
    return byAz.size === 0 ? undefined : [...byAz.values()].join(",");
  },
  // "the security group of the resources that will call vpce-x": the VPC's default group.
  CALLER_SG: (comment, region) => {
    const endpoint = region.vpcEndpoints.get(/\bvpce-[0-9a-z]+/.exec(comment)?.[0] ?? "");
    return endpoint?.VpcId === undefined ? undefined : region.defaultSecurityGroup(endpoint.VpcId)?.GroupId;
  },
};

export class UnansweredChoice extends Error {}

/** The fix lines with every empty `VAR=''` answered; lines with a default value are kept (kms-audit's guess, taken). */
export function answerChoices(lines: readonly string[], snapshot: Snapshot, account: string, regionName: string): string[] {
  const calls = snapshot.accounts[account]?.regions[regionName]?.calls;
  if (calls === undefined) throw new UnansweredChoice(`no region ${account}/${regionName} in the snapshot`);
  const region = buildRegionIndex(account, regionName, calls);
  return lines.map((line, i) => {
    const empty = /^([A-Z_][A-Z0-9_]*)=''$/.exec(line);
    if (empty === null) return line;
    const name = empty[1]!;
    const comment = lines[i - 1]?.startsWith("# ") ? lines[i - 1]!.slice(2) : "";
    const value = CHOOSERS[name]?.(comment, region);
    if (value === undefined) throw new UnansweredChoice(`the fix asks for ${name} ("${comment}") and the snapshot offers no answer`);
    return `${name}=${shellQuote(value)}`;
  });
}
