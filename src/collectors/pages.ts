import type { CallRecord, CallName } from "../snapshot/types.js";
import { dependencyFailed } from "./call-record.js";

/** Every item of every page, in AWS's order. */
export async function allItems<P, T>(pages: AsyncIterable<P>, pick: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    for (const item of pick(page) ?? []) items.push(item);
  }
  return items;
}

/** An SDK output without the SDK's own `$metadata` (request id, attempts): the rest is AWS's shape. */
export function withoutMetadata<T extends { $metadata?: unknown }>(output: T): Omit<T, "$metadata"> {
  const { $metadata: _metadata, ...rest } = output;
  return rest;
}

/** Runs `next` with the data of a call that succeeded; when it failed, `next`'s call is a gap naming the dependency. */
export async function after<D, T>(
  dependency: CallName,
  record: Promise<CallRecord<D>>,
  next: (data: D) => Promise<CallRecord<T>>,
): Promise<CallRecord<T>> {
  const done = await record;
  return done.status === "ok" ? next(done.data) : { status: "failed", error: dependencyFailed(dependency) };
}

/** Awaits every pending call of an object, keeping the keys; waits for all before rethrowing, so nothing is left running. */
export async function settleAll<T extends Record<string, Promise<unknown>>>(
  pending: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(pending) as (keyof T)[];
  const values = await Promise.allSettled(keys.map((key) => pending[key]));
  const rejected = values.find((v): v is PromiseRejectedResult => v.status === "rejected");
  if (rejected) throw rejected.reason;
  return Object.fromEntries(keys.map((key, i) => [key, (values[i] as PromiseFulfilledResult<unknown>).value])) as {
    [K in keyof T]: Awaited<T[K]>;
  };
}

/** Like Promise.all, but waits for every promise before rethrowing the first failure, so nothing is left running. */
export async function allSettledOrThrow<T>(pending: readonly Promise<T>[]): Promise<T[]> {
  const values = await Promise.allSettled(pending);
  const rejected = values.find((v): v is PromiseRejectedResult => v.status === "rejected");
  if (rejected) throw rejected.reason;
  return values.map((v) => (v as PromiseFulfilledResult<T>).value);
}
