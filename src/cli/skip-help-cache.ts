import type { Argv } from "yargs";

interface YargsUsage {
  cacheHelpMessage?: () => void;
}

interface YargsWithInternals {
  getInternalMethods?: () => { getUsageInstance?: () => YargsUsage | undefined };
}

/**
 * After a command's handler runs, yargs renders that command's help and keeps it, to print if an asynchronous handler
 * fails later. Our handlers only pick what to run, and our fail() throws instead of printing help, so that text is
 * never read; rendering it took ~35 ms of every start (layout, and Unicode width tables on first use). This turns
 * the caching off through yargs' internal methods; where they are missing, nothing changes but the time.
 */
export function skipHelpCache<T>(parser: Argv<T>): Argv<T> {
  const usage = (parser as unknown as YargsWithInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === "function") usage.cacheHelpMessage = () => undefined;
  return parser;
}
