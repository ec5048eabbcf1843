import { UsageError } from "../errors.js";
import type { CallError, CallName, CallRecord } from "../snapshot/types.js";
import { diagnose, isFatal, type CallPlace } from "./diagnosis.js";
import type { ProgressTracker } from "./progress.js";

/** Runs one logical call (all its pages) and records it: data, or the failure as a gap. Only an abort propagates. */
export type CallRunner = <T>(call: CallName, fetch: () => Promise<T>) => Promise<CallRecord<T>>;

export class CollectionAborted extends Error {
  override name = "AbortError";
  constructor() {
    super("collection interrupted");
  }
}

/**
 * Stops the whole collection with one line: a failure no other call would escape (network, endpoint, region,
 * credentials), or the deadline.
 */
export type StopCollection = (error: UsageError) => void;

/**
 * Calls of services AWS does not offer in every region (Route 53 Profiles came to regions one by one): there, the
 * service's default endpoint name does not resolve while every other call of the region works. For these calls alone
 * such a DNS failure is a gap of this call, not a broken network.
 */
const NOT_IN_EVERY_REGION: ReadonlySet<CallName> = new Set(["ListProfiles", "ListProfileAssociations", "ListProfileResourceAssociations"]);

function serviceNotInRegion(call: CallName, place: CallPlace, code: string): boolean {
  return code === "DnsFailure" && place.endpoint === undefined && NOT_IN_EVERY_REGION.has(call);
}

export function createCallRunner(place: CallPlace, signal: AbortSignal, progress: ProgressTracker, stop: StopCollection): CallRunner {
  return async <T>(call: CallName, fetch: () => Promise<T>): Promise<CallRecord<T>> => {
    if (signal.aborted) throw new CollectionAborted();
    const done = progress.callStarted(place.region, call);
    try {
      return { status: "ok", data: await fetch() };
    } catch (error) {
      if (signal.aborted) throw new CollectionAborted();
      const failure = diagnose(error, place);
      if (serviceNotInRegion(call, place, failure.code)) {
        return { status: "failed", error: { code: "ServiceNotInRegion", message: `${failure.what}: the service is probably not offered in ${place.region}` } };
      }
      if (isFatal(failure)) {
        stop(new UsageError(`${call} in ${place.region}: ${failure.what}: ${failure.next}`));
        throw new CollectionAborted();
      }
      return { status: "failed", error: callError(error, place) };
    } finally {
      done();
    }
  };
}

/**
 * A failure as the snapshot records it: AWS's error code (UnauthorizedOperation, AccessDeniedException...) and message
 * when AWS answered; otherwise the diagnosis (ConnectionRefused, HTTP502...) in words, never the SDK's own text.
 */
export function callError(error: unknown, place: CallPlace = { region: "" }): CallError {
  const fields = (typeof error === "object" && error !== null ? error : {}) as { Code?: unknown; name?: unknown; message?: unknown; $fault?: unknown; $metadata?: unknown };
  const code = typeof fields.Code === "string" && fields.Code !== "" ? fields.Code : fields.$fault !== undefined && fields.$metadata !== undefined ? fields.name : undefined;
  if (typeof code === "string" && code !== "" && code !== "Unknown") return { code, message: oneLine(typeof fields.message === "string" ? fields.message : "") };
  const failure = diagnose(error, place);
  return { code: failure.code, message: failure.what };
}

/** The failure of a call that could not be made because a call it depends on failed. */
export function dependencyFailed(dependency: CallName): CallError {
  return { code: "DependencyFailed", message: `not collected: ${dependency} failed, so the resources to ask about are unknown` };
}

export function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? callError(error).code : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
