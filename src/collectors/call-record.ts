import type { CallError, CallName, CallRecord } from "../snapshot/types.js";
import type { ProgressTracker } from "./progress.js";

/** Runs one logical call (all its pages) and records it: data, or the failure as a gap. Only an abort propagates. */
export type CallRunner = <T>(call: CallName, fetch: () => Promise<T>) => Promise<CallRecord<T>>;

export class CollectionAborted extends Error {
  override name = "AbortError";
  constructor() {
    super("collection interrupted");
  }
}

export function createCallRunner(region: string, signal: AbortSignal, progress: ProgressTracker): CallRunner {
  return async <T>(call: CallName, fetch: () => Promise<T>): Promise<CallRecord<T>> => {
    if (signal.aborted) throw new CollectionAborted();
    const done = progress.callStarted(region, call);
    try {
      return { status: "ok", data: await fetch() };
    } catch (error) {
      if (signal.aborted) throw new CollectionAborted();
      return { status: "failed", error: callError(error) };
    } finally {
      done();
    }
  };
}

/** A failure as the snapshot records it: AWS's error code (UnauthorizedOperation, AccessDeniedException...) and message. */
export function callError(error: unknown): CallError {
  if (error instanceof Error) {
    const code = (error as { Code?: unknown }).Code;
    return { code: typeof code === "string" && code !== "" ? code : error.name, message: oneLine(error.message) };
  }
  return { code: "Error", message: oneLine(String(error)) };
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
