import type { Snapshot } from "../snapshot/types.js";

/** Freezes a value and everything reachable from it, so a rule that writes to its input throws. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key]);
  return value;
}

/**
 * Freezes the snapshot down to each call record (status, error; its `data` stays as it is): a few hundred objects,
 * where deepFreeze visits every one of the AWS data's millions.
 */
export function freezeEnvelope(snapshot: Snapshot): Snapshot {
  Object.freeze(snapshot);
  deepFreeze(snapshot.source);
  deepFreeze(snapshot.notes);
  Object.freeze(snapshot.accounts);
  for (const account of Object.values(snapshot.accounts)) {
    Object.freeze(account);
    Object.freeze(account.regions);
    for (const region of Object.values(account.regions)) {
      Object.freeze(region);
      Object.freeze(region.calls);
      for (const record of Object.values(region.calls)) {
        Object.freeze(record);
        if (record?.status === "failed") deepFreeze(record.error);
      }
    }
  }
  return snapshot;
}
