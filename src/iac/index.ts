import { UsageError } from "../errors.js";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type AccountSnapshot, type ResourceRef, type Snapshot, type SnapshotNote } from "../snapshot/types.js";
import { assembleRegion } from "./assemble.js";
import { assembleLanding, LANDING_CALLS, type RegionAccounts } from "./landing.js";
import { readTemplate } from "./cloudformation/read-template.js";
import { isSamTemplate } from "./cloudformation/sam.js";
import { readStack } from "./cloudformation/stack.js";
import { detectInput } from "./detect.js";
import { UNKNOWN_ACCOUNT } from "./ids.js";
import { PlannedNetwork, type PlannedInput, type PlannedPart, type SourceLocation } from "./planned.js";

export type { PlannedInput, SourceLocation } from "./planned.js";

export interface IacOptions {
  /** The region and account to deploy to, when the input does not name them. */
  readonly region?: string;
  readonly account?: string;
  /** --parameter Key=Value (CloudFormation parameters, CDK stack parameters). */
  readonly parameters?: ReadonlyMap<string, string>;
  /** Where the Terraform configuration's .tf files are (locations of plan resources). */
  readonly tfDir?: string;
  /** The deployed account the change lands on: its only account and region are the defaults. */
  readonly base?: Snapshot;
}

function only(values: readonly string[]): string | undefined {
  return values.length === 1 ? values[0] : undefined;
}

function baseAccounts(base: Snapshot | undefined): string[] {
  return Object.keys(base?.accounts ?? {});
}

function baseRegions(base: Snapshot | undefined): string[] {
  return [...new Set(Object.values(base?.accounts ?? {}).flatMap((a) => Object.keys(a.regions)))];
}

/** The region a template deploys to: --region, else the only region of the deployed data. */
export function defaultRegion(options: IacOptions, file: string): string {
  const region = options.region ?? only(baseRegions(options.base));
  if (region === undefined) throw new UsageError(`--region: ${file} does not name the region it deploys to; give --region (or --snapshot with one region)`);
  return region;
}

export function defaultAccount(options: IacOptions): string {
  return options.account ?? only(baseAccounts(options.base)) ?? UNKNOWN_ACCOUNT;
}

/** Reads a template, plan or cdk.out into planned resources; the kind comes from the input itself. */
export async function readPlannedInput(path: string, options: IacOptions): Promise<PlannedInput> {
  const detected = await detectInput(path);
  switch (detected.kind) {
    case "template": {
      const document = readTemplate(detected.text, detected.file);
      const region = defaultRegion(options, detected.file);
      const account = defaultAccount(options);
      const network = new PlannedNetwork();
      readStack(document, network, { region, account, parameters: options.parameters ?? new Map() });
      return { kind: isSamTemplate(document.value) ? "sam" : "cloudformation", path, parts: [{ network, region, account }] };
    }
    case "terraform": {
      const { readTerraformPlan } = await import("./terraform/index.js");
      return readTerraformPlan(detected.file, detected.plan, options);
    }
    case "cdk": {
      const { readCdkOut } = await import("./cdk/index.js");
      return readCdkOut(detected.dir, detected.manifest, options);
    }
  }
}

export interface PlannedSnapshot {
  readonly snapshot: Snapshot;
  /** Where a resource of a finding is defined in the input, when it comes from there. */
  locate(ref: ResourceRef): SourceLocation | undefined;
  /** Every file a location names. */
  readonly files: readonly string[];
  /** What the reader could not settle and the user should know (a resource kept whose condition is unknown). */
  readonly notes: readonly SnapshotNote[];
}

function partEnv(part: PlannedPart, options: IacOptions, path: string): { account: string; region: string } {
  return { account: part.account ?? defaultAccount(options), region: part.region ?? defaultRegion(options, path) };
}

/** The snapshot after the change: the planned resources laid over `options.base` (or over nothing). */
export function plannedSnapshot(input: PlannedInput, options: IacOptions): PlannedSnapshot {
  const base = options.base;
  const accounts: Record<string, { regions: Record<string, AccountSnapshot["regions"][string]> }> = {};
  for (const [account, data] of Object.entries(base?.accounts ?? {})) accounts[account] = { regions: { ...data.regions } };
  const inputNotes: SnapshotNote[] = [];
  const locations = new Map<string, SourceLocation>();
  const edited = new Set<string>();
  const regionAccounts = (region: string): RegionAccounts => ({
    accounts: Object.keys(accounts).filter((a) => accounts[a]?.regions[region] !== undefined),
    read: (a) => accounts[a]?.regions[region]?.calls,
    edit(a) {
      const data = accounts[a]?.regions[region];
      if (data === undefined) return undefined;
      if (!edited.has(`${a}/${region}`)) {
        // The deployed data is never changed: an account's landing-zone calls are copied before the change lands on them.
        const calls: Record<string, unknown> = { ...data.calls };
        for (const call of LANDING_CALLS) if (calls[call] !== undefined) calls[call] = structuredClone(calls[call]);
        accounts[a] = { regions: { ...accounts[a]!.regions, [region]: { ...data, calls } } };
        edited.add(`${a}/${region}`);
      }
      return accounts[a]!.regions[region]!.calls as ReturnType<RegionAccounts["edit"]>;
    },
  });
  for (const part of input.parts) {
    const { account, region } = partEnv(part, options, input.path);
    const baseCalls = base?.accounts[account]?.regions[region]?.calls;
    if (base !== undefined && baseCalls === undefined) {
      if (account === UNKNOWN_ACCOUNT) throw new UsageError(`--account: the deployed data holds several accounts (${baseAccounts(base).join(", ")}); name the one ${input.path} deploys to`);
      throw new UsageError(`${input.path} deploys to ${account}/${region}, which the deployed data does not hold (it has ${baseAccounts(base).join(", ") || "no account"} in ${baseRegions(base).join(", ") || "no region"})`);
    }
    const calls = assembleRegion(part.network, baseCalls);
    accounts[account] = { regions: { ...(accounts[account]?.regions ?? {}), [region]: { calls } } };
    edited.delete(`${account}/${region}`);
    assembleLanding(part.network, account, region, regionAccounts(region));
    for (const message of part.network.notes) inputNotes.push({ region, message });
    for (const [id, location] of part.network.locations) locations.set(`${account}/${region}/${id}`, location);
  }
  const notes = [...(base?.notes ?? []), ...inputNotes];
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    ...(base?.collectedAt === undefined ? {} : { collectedAt: base.collectedAt }),
    source: { kind: "synthetic", description: `${input.kind} ${input.path}${base === undefined ? "" : " over the deployed data"}` },
    accounts,
    ...(notes.length === 0 ? {} : { notes }),
  };
  return {
    snapshot,
    files: [...new Set([...locations.values()].map((l) => l.file))].sort(),
    notes: inputNotes,
    locate: (ref) => locations.get(`${ref.account}/${ref.region}/${ref.arn ?? ref.id}`) ?? locations.get(`${ref.account}/${ref.region}/${ref.id}`),
  };
}
