import { DescribeRegionsCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { STSClient } from "@aws-sdk/client-sts";
import { UsageError } from "../errors.js";
import type { SnapshotNote } from "../snapshot/types.js";
import { callError, CollectionAborted } from "./call-record.js";
import { diagnose, isFatal, type CallPlace } from "./diagnosis.js";

/** DescribeRegions opt-in states of a region the account can use. */
const ENABLED = new Set(["opt-in-not-required", "opted-in"]);

export interface RegionPlan {
  readonly regions: readonly string[];
  readonly notes: readonly SnapshotNote[];
}

/**
 * Which regions to collect: "all" = the account's enabled regions; a list = those of them that are enabled, the rest
 * skipped with a note. DescribeRegions (AllRegions) tells both; when it is denied, a list is collected as given.
 */
export async function planRegions(ec2: EC2Client, requested: readonly string[] | "all", abortSignal: AbortSignal, place: CallPlace): Promise<RegionPlan> {
  let statuses: Map<string, string>;
  try {
    const { Regions } = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }), { abortSignal });
    statuses = new Map((Regions ?? []).map((r) => [r.RegionName ?? "", r.OptInStatus ?? ""]));
  } catch (error) {
    if (abortSignal.aborted) throw new CollectionAborted();
    const failure = diagnose(error, place);
    if (isFatal(failure)) throw new UsageError(`EC2 DescribeRegions in ${place.region}: ${failure.what}: ${failure.next}`);
    const { code, message } = callError(error, place);
    if (requested === "all") {
      throw new UsageError(`--regions all needs ec2:DescribeRegions, which failed (${code}: ${message}): name the regions with --regions a,b,c`);
    }
    return {
      regions: unique(requested),
      notes: [{ message: `could not check which regions are enabled (DescribeRegions: ${code}): collected ${unique(requested).join(", ")} as given` }],
    };
  }
  const enabled = [...statuses].filter(([, status]) => ENABLED.has(status)).map(([name]) => name);
  if (requested === "all") return { regions: enabled.sort(), notes: [] };
  const notes: SnapshotNote[] = [];
  const regions: string[] = [];
  for (const region of unique(requested)) {
    const status = statuses.get(region);
    if (status !== undefined && ENABLED.has(status)) regions.push(region);
    else if (status === undefined) notes.push({ region, message: `${region} is not a region this account knows (DescribeRegions): skipped` });
    else notes.push({ region, message: `${region} is not enabled for this account (opt-in status ${status}): skipped` });
  }
  return { regions, notes };
}

/** The region the SDK would use by itself (AWS_REGION, the profile's region): where "all" asks DescribeRegions. */
export async function configuredRegion(profile: string | undefined): Promise<string> {
  const probe = new STSClient(profile === undefined ? {} : { profile });
  try {
    return await probe.config.region();
  } catch {
    throw new UsageError("--regions all needs a home region to ask DescribeRegions: set AWS_REGION, the profile's region, or --region");
  } finally {
    probe.destroy();
  }
}

function unique(regions: readonly string[]): string[] {
  return [...new Set(regions)];
}
