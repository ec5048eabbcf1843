import ipaddr from "ipaddr.js";
import type { Tri } from "./tri.js";

/** An inclusive range of IPv4 addresses as unsigned 32-bit numbers. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** A set of IPv4 addresses: sorted, disjoint, non-adjacent intervals. */
export type AddressSet = readonly Interval[];

const MAX = 0xffffffff;

/** Parsed CIDR texts (null: not an IPv4 CIDR); the same few thousand texts recur in every evaluation. */
const parsed = new Map<string, Interval | null>();
const MAX_PARSED = 100_000;

/** An IPv4 CIDR as an interval, or undefined when it is not a valid IPv4 CIDR. Host bits are ignored. */
export function parseIpv4Cidr(cidr: string): Interval | undefined {
  const known = parsed.get(cidr);
  if (known !== undefined) return known ?? undefined;
  if (parsed.size >= MAX_PARSED) parsed.clear();
  const interval = parseUncached(cidr);
  parsed.set(cidr, interval === undefined ? null : Object.freeze(interval));
  return interval;
}

function parseUncached(cidr: string): Interval | undefined {
  const [address, bits, ...rest] = cidr.trim().split("/");
  if (address === undefined || bits === undefined || rest.length > 0) return undefined;
  if (!/^\d{1,2}$/.test(bits) || !ipaddr.IPv4.isValidFourPartDecimal(address)) return undefined;
  const length = Number(bits);
  if (length > 32) return undefined;
  const value = ipaddr.IPv4.parse(address).toByteArray().reduce((acc, byte) => acc * 256 + byte, 0);
  const size = 2 ** (32 - length);
  const start = Math.floor(value / size) * size;
  return { start, end: start + size - 1 };
}

export function prefixLength(interval: Interval): number {
  return 32 - Math.log2(interval.end - interval.start + 1);
}

export function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export function toSet(intervals: Iterable<Interval>): AddressSet {
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && next.start <= last.end + 1) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, next.end) };
    } else {
      merged.push(next);
    }
  }
  return merged;
}

export function complement(set: AddressSet): AddressSet {
  const result: Interval[] = [];
  let cursor = 0;
  for (const interval of set) {
    if (interval.start > cursor) result.push({ start: cursor, end: interval.start - 1 });
    cursor = interval.end + 1;
  }
  if (cursor <= MAX) result.push({ start: cursor, end: MAX });
  return result;
}

export function subtract(set: AddressSet, removed: AddressSet): AddressSet {
  return intersect(set, complement(removed));
}

export function intersect(a: AddressSet, b: AddressSet): AddressSet {
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start <= end) result.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return result;
}

/** Whether `covering` holds all of `target` (yes), part of it (maybe), or none of it (no). */
export function coverage(covering: AddressSet, target: AddressSet): Tri {
  const common = intersect(covering, target);
  if (common.length === 0) return "no";
  return size(common) === size(target) ? "yes" : "maybe";
}

/** coverage() of one interval, without building sets: the question every route, rule and ACL entry asks. */
export function intervalCoverage(covering: Interval, target: AddressSet): Tri {
  let common = 0;
  for (const interval of target) {
    const start = Math.max(covering.start, interval.start);
    const end = Math.min(covering.end, interval.end);
    if (start <= end) common += end - start + 1;
  }
  if (common === 0) return "no";
  return common === size(target) ? "yes" : "maybe";
}

function size(set: AddressSet): number {
  let total = 0;
  for (const interval of set) total += interval.end - interval.start + 1;
  return total;
}

/** RFC 1918, shared (100.64/10), link-local, loopback, "this network", multicast and reserved space. */
export const NON_PUBLIC_SPACE: AddressSet = toSet(
  ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8", "0.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4"].map(
    (cidr) => parseIpv4Cidr(cidr) as Interval,
  ),
);

/** Where an AWS service's public endpoint can be: every address outside non-public space. */
export const PUBLIC_SPACE: AddressSet = complement(NON_PUBLIC_SPACE);

export const ANYWHERE: Interval = { start: 0, end: MAX };
