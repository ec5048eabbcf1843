import { UsageError } from "../errors.js";
import type { Snapshot } from "../snapshot/types.js";
import type { CliIo } from "./io.js";
import { createProgressDisplay } from "./progress-line.js";
import type { LiveOptions } from "./source.js";

/** Without --region(s): the region the SDK is configured with, or one line saying how to give one. */
async function defaultRegion(configured: (profile: string | undefined) => Promise<string>, profile: string | undefined): Promise<string> {
  try {
    return await configured(profile);
  } catch {
    throw new UsageError("no region to collect: give --region or --regions, or set AWS_REGION or the profile's region; to scan a file instead, use --snapshot FILE");
  }
}

/** Ctrl-C during a live collection: nothing is written, exit 130. */
export class Interrupted extends Error {
  override name = "Interrupted";
}

/**
 * Collects from AWS. The collectors (and with them the AWS SDK) are imported here, dynamically, so that commands
 * reading a snapshot file never load the SDK.
 */
export async function collectLive(options: LiveOptions, io: CliIo): Promise<Snapshot> {
  // kms-audit supports Node 20; the SDK's advice to move to Node 22 would be a multi-line stderr dump per run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { collect, CollectionAborted, DEFAULT_TIMEOUT_SECONDS } = await import("../collectors/index.js");
  const { configuredRegion } = await import("../collectors/regions.js");
  const regions = options.regions ?? [await defaultRegion(configuredRegion, options.profile)];
  const timeoutMs = Math.round((options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000);
  const interrupt = new AbortController();
  const stopListening = io.onInterrupt?.(() => interrupt.abort()) ?? (() => undefined);
  const display = options.quiet || io.stderrIsTTY !== true ? undefined : createProgressDisplay(io.stderr);
  try {
    return await collect({
      regions,
      signal: interrupt.signal,
      withTraffic: options.withTraffic,
      timeoutMs,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
      ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.accounts === undefined ? {} : { accounts: options.accounts }),
      ...(display === undefined ? {} : { onProgress: (p) => display.update(p) }),
    });
  } catch (error) {
    if (error instanceof CollectionAborted || interrupt.signal.aborted) throw new Interrupted("interrupted: nothing was written");
    throw error;
  } finally {
    display?.done();
    stopListening();
  }
}
