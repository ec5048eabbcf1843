import type { Argv } from "yargs";
import type { AccountsOptions } from "../collectors/accounts-options.js";
import { UsageError } from "../errors.js";
import { ACCOUNT_FLAGS, accountsOf, withAccountOptions, type AccountsArgs } from "./accounts-options.js";

/** Where a command's snapshot comes from: a snapshot file, a directory of AWS CLI output, or AWS itself. */
export type SnapshotSource =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "aws-cli-dir"; readonly dir: string }
  | { readonly kind: "live"; readonly live: LiveOptions };

export interface LiveOptions {
  /** Region names, "all", or undefined = the region the SDK is configured with (AWS_REGION, the profile). */
  readonly regions?: readonly string[] | "all";
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly withTraffic: boolean;
  readonly concurrency?: number;
  /** The whole collection's deadline in seconds (--timeout); absent = the default. */
  readonly timeoutSeconds?: number;
  readonly quiet: boolean;
  /** Several accounts through an assumed role each (--accounts). */
  readonly accounts?: AccountsOptions;
}

export interface SourceArgs extends AccountsArgs {
  readonly snapshot?: string;
  readonly "aws-cli-dir"?: string;
  readonly profile?: string;
  readonly region?: string;
  readonly regions?: string;
  readonly "endpoint-url"?: string;
  readonly "with-traffic"?: boolean;
  readonly concurrency?: number;
  readonly timeout?: number;
  readonly quiet?: boolean;
}

/** The options of live collection, shared by `scan` (without --snapshot) and `collect`. */
export function withLiveOptions<T>(y: Argv<T>) {
  return withAccountOptions(y)
    .option("aws-cli-dir", { type: "string", describe: "Read AWS CLI JSON output from this directory instead of calling AWS (see README)" })
    .option("profile", { type: "string", describe: "AWS profile (shared config / SSO) for live collection" })
    .option("region", { type: "string", describe: "One region to collect" })
    .option("regions", { type: "string", describe: 'Regions to collect: "a,b,c" or "all" (the account\'s enabled regions)' })
    .option("endpoint-url", { type: "string", describe: "Send every AWS call to this endpoint (an emulator); AWS_ENDPOINT_URL works too" })
    .option("with-traffic", { type: "boolean", default: false, describe: "Collect 30 days of NAT gateway traffic from CloudWatch (for cost estimates)" })
    .option("concurrency", { type: "number", describe: "AWS requests in flight at once (default 64)" })
    .option("timeout", { type: "number", describe: "Stop live collection after this many seconds, naming the calls still waiting (default 300)" })
    .option("quiet", { type: "boolean", default: false, describe: "No progress display on stderr" });
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function regionsOf(args: SourceArgs): readonly string[] | "all" | undefined {
  if (args.region !== undefined && args.regions !== undefined) throw new UsageError("--region and --regions: expected one of them, not both");
  if (args.region !== undefined) return [args.region];
  if (args.regions === undefined) return undefined;
  if (args.regions.trim() === "all") return "all";
  const list = args.regions.split(",").map((r) => r.trim()).filter((r) => r !== "");
  if (list.length === 0) throw new UsageError('--regions: expected "a,b,c" or "all"');
  return list;
}

/** Decides the source from the command line; --snapshot, --aws-cli-dir and live collection exclude each other. */
export function sourceOf(args: SourceArgs): SnapshotSource {
  const liveFlags = (["profile", "region", "regions", "endpoint-url", "concurrency", "timeout", ...ACCOUNT_FLAGS] as const).filter((k) => args[k] !== undefined);
  if (args.snapshot !== undefined) {
    if (args.snapshot === "") throw new UsageError("--snapshot: expected a snapshot file path");
    if (args["aws-cli-dir"] !== undefined) throw new UsageError("--snapshot and --aws-cli-dir: expected one of them, not both");
    if (liveFlags.length > 0) throw new UsageError(`--snapshot: --${liveFlags[0]} applies to live collection only`);
    return { kind: "file", path: args.snapshot };
  }
  if (args["aws-cli-dir"] !== undefined) {
    if (args["aws-cli-dir"] === "") throw new UsageError("--aws-cli-dir: expected a directory path");
    if (liveFlags.length > 0) throw new UsageError(`--aws-cli-dir: --${liveFlags[0]} applies to live collection only`);
    return { kind: "aws-cli-dir", dir: args["aws-cli-dir"] };
  }
  if (args.concurrency !== undefined && (!Number.isInteger(args.concurrency) || args.concurrency < 1)) {
    throw new UsageError(`--concurrency: expected a positive integer; got ${args.concurrency}`);
  }
  const endpoint = args["endpoint-url"];
  if (endpoint !== undefined && !isHttpUrl(endpoint)) {
    throw new UsageError(`--endpoint-url: expected an http(s) URL such as http://localhost:4566; got ${JSON.stringify(endpoint)}`);
  }
  if (args.timeout !== undefined && !(Number.isFinite(args.timeout) && args.timeout > 0)) {
    throw new UsageError(`--timeout: expected a number of seconds above 0; got ${args.timeout}`);
  }
  const regions = regionsOf(args);
  const accounts = accountsOf(args);
  return {
    kind: "live",
    live: {
      ...(regions === undefined ? {} : { regions }),
      ...(args.profile === undefined ? {} : { profile: args.profile }),
      ...(args["endpoint-url"] === undefined ? {} : { endpointUrl: args["endpoint-url"] }),
      ...(args.concurrency === undefined ? {} : { concurrency: args.concurrency }),
      ...(accounts === undefined ? {} : { accounts }),
      ...(args.timeout === undefined ? {} : { timeoutSeconds: args.timeout }),
      withTraffic: args["with-traffic"] ?? false,
      quiet: args.quiet ?? false,
    },
  };
}
